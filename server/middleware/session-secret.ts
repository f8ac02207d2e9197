import { defineEventHandler } from 'h3'
import { useAppContext } from '../utils/app-context'

/** Sessions can be opened only once the cookie secret is known; with Redis it takes a few milliseconds at start. */
export default defineEventHandler(() => useAppContext().sessionSecret)
