declare module '#auth-utils' {
  interface User {
    /** The course leader's account name. */
    name: string
  }
}

export {}
