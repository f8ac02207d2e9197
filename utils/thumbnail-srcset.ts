/**
 * `srcset` for a run's thumbnail URL: the stored 256 px thumbnail and the widths the media route
 * makes on request (`?w=`, server/utils/media/sized-thumbnail.ts), so each slot downloads what it
 * shows: 128 px for a small table cell, 512 px for a gallery tile on a Retina iPad.
 */
export function thumbnailSrcset(url: string): string {
  const sized = (width: number) => `${url}${url.includes('?') ? '&' : '?'}w=${width}`
  return `${sized(128)} 128w, ${url} 256w, ${sized(512)} 512w, ${sized(768)} 768w`
}
