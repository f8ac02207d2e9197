import { z } from 'zod'

/** Also in server/cli/leader-add.mjs (plain JS cannot import this); keep the two in step. */
export const LEADER_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/
export const MIN_PASSWORD_LENGTH = 10

export const LeaderName = z.string().regex(LEADER_NAME_PATTERN, 'use 2 to 40 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit')
export const LeaderPassword = z.string().min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`).max(1000)

export const Leader = z.object({ name: LeaderName, password_hash: z.string().min(1), created_at: z.string() })
export type Leader = z.infer<typeof Leader>

/** Sign-in takes any name: a name that cannot exist simply does not match, with the same answer as a wrong password. */
export const LoginBody = z.object({ name: z.string().trim().toLowerCase().min(1).max(100), password: z.string().min(1).max(1000) }).strict()
export const LeaderCreate = z.object({ name: LeaderName, password: LeaderPassword }).strict()
export const PasswordChange = z.object({ current_password: z.string().min(1).max(1000), new_password: LeaderPassword }).strict()
