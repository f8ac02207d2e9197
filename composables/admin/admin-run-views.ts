// Local copy of the row shapes from the issue-4 contract, until shared/admin-views.ts (helper INDEX) is on main.
import type { RunStatus } from '#shared/run-status'
import type { SafetyLevel } from '#shared/schemas/common'

export interface RunCounts { total: number, by_status: Record<string, number>, by_perspective: Record<string, number> }

export interface AdminRunRow {
  run_id: string
  created_at: string
  updated_at: string
  session_id: string
  session_name: string | null
  participant_id: string | null
  pseudonym: string | null
  perspective: string
  output: string | null
  output_type: 'image' | 'audio' | 'video' | null
  status: RunStatus
  safety_level: SafetyLevel
  hidden: boolean
  input_text: string
  interception_text: string | null
  thumbnail_url: string | null
  media_url: string | null
}
