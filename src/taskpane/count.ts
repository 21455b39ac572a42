/** "1 task", "3 tasks": a count with its noun, as the pane says it. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
