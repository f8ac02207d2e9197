/** How leader passwords are hashed and checked; the server uses nuxt-auth-utils (scrypt), tests may pass their own. */
export interface PasswordHasher {
  hash: (password: string) => Promise<string>
  verify: (hash: string, password: string) => Promise<boolean>
}

export const scryptHasher: PasswordHasher = {
  hash: password => hashPassword(password),
  verify: (hash, password) => verifyPassword(hash, password),
}
