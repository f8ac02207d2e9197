/** The data dir's disk as the admin's instances page shows it: free space and the floor below which new runs are refused. */
export interface DiskUseView {
  path: string
  total_bytes: number
  free_bytes: number
  floor_bytes: number
  below_floor: boolean
}
