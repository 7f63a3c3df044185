import { PROBLEM_KINDS, type ProblemKind } from '../http/problems.js'
import { PROBLEM_GUIDE } from './problem-guide.js'

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')

/** Escaped text with `code` spans. */
const prose = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>')

const page = (title: string, body: string) => `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Family Work API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}code{background:#f1f1f1;padding:0 .2em}dt{font-weight:600}</style></head>
<body>
${body}
<p><a href="/problems">Every problem type</a> · <a href="/docs">API reference</a></p>
</body>
</html>
`

/** The page of one problem type: its status, what it means and what to do. */
export function problemPage(kind: ProblemKind): string {
  const { status, title } = PROBLEM_KINDS[kind]
  const { means, todo } = PROBLEM_GUIDE[kind]
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>Problem type <code>/problems/${kind}</code>, HTTP status <strong>${status}</strong>, in an <code>application/problem+json</code> body (RFC 9457).</p>
<h2>What it means</h2>
<p>${prose(means)}</p>
<h2>What to do</h2>
<p>${prose(todo)}</p>`,
  )
}

/** The list of every problem type. */
export function problemIndex(): string {
  const items = (Object.keys(PROBLEM_KINDS) as ProblemKind[])
    .map((kind) => `<li><a href="/problems/${kind}"><code>${kind}</code></a> (${PROBLEM_KINDS[kind].status}): ${escapeHtml(PROBLEM_KINDS[kind].title)}</li>`)
    .join('\n')
  return page(
    'Problem types',
    `<h1>Problem types</h1>\n<p>Every error is an <code>application/problem+json</code> body whose <code>type</code> is one of these.</p>\n<ul>\n${items}\n</ul>`,
  )
}
