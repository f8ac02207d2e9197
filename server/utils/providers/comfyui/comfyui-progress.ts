import type { Progress } from '#shared/schemas/run'

interface NodeProgress { value: number, max: number, done: boolean }

/**
 * Progress across the whole workflow. ComfyUI's `progress` event restarts at every node that
 * reports steps; here each node of the workflow counts one, a running node by its fraction.
 * Newer servers also send `progress_state` with every started node (comfy_execution/progress.py),
 * older ones only `executing` and `progress`; both feed the same count, which never goes back.
 */
export class WorkflowProgress {
  private readonly nodes = new Map<string, NodeProgress>()
  private running: string | null = null
  private reported = 0

  constructor(private readonly nodeIds: string[], private readonly report: (progress: Progress) => void) {}

  cached(nodeIds: unknown) {
    if (!Array.isArray(nodeIds)) return
    for (const id of nodeIds) this.set(String(id), { value: 1, max: 1, done: true })
    this.emit()
  }

  executing(nodeId: string) {
    if (this.running && this.running !== nodeId) this.set(this.running, { value: 1, max: 1, done: true })
    this.running = nodeId
    if (!this.nodes.get(nodeId)?.done) this.set(nodeId, { value: 0, max: 1, done: false })
    this.emit()
  }

  /** `executed`: an output node is done, the last word older servers send about it. */
  finished(nodeId: string) {
    this.set(nodeId, { value: 1, max: 1, done: true })
    this.emit()
  }

  step(nodeId: unknown, value: unknown, max: unknown) {
    const id = typeof nodeId === 'string' ? nodeId : this.running
    if (id) this.set(id, { value: Number(value), max: Number(max), done: false })
    this.emit()
  }

  /** `progress_state`: { node id: { value, max, state: running | finished | error } }. */
  state(nodes: unknown) {
    if (!nodes || typeof nodes !== 'object') return
    for (const [id, node] of Object.entries(nodes as Record<string, { value?: unknown, max?: unknown, state?: unknown }>)) {
      this.set(id, { value: Number(node.value), max: Number(node.max), done: node.state === 'finished' })
    }
    this.emit()
  }

  /** The prompt is done: every node counts, whatever events were lost or left unread once the history said so. */
  done() {
    const all = this.nodeIds.length
    if (this.reported >= all) return
    this.reported = all
    this.report({ value: all, max: all })
  }

  private set(nodeId: string, progress: NodeProgress) {
    if (!this.nodeIds.includes(nodeId)) return
    if (!Number.isFinite(progress.value) || !Number.isFinite(progress.max) || progress.max <= 0) return
    this.nodes.set(nodeId, progress)
  }

  private emit() {
    let value = 0
    for (const node of this.nodes.values()) value += node.done ? 1 : Math.min(1, Math.max(0, node.value / node.max))
    if (value <= this.reported) return
    this.reported = value
    this.report({ value: Math.round(value * 1000) / 1000, max: this.nodeIds.length })
  }
}
