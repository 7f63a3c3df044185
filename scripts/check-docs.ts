/**
 * Checks the reference page in a real headless browser, on a port other than the default:
 *
 *   npm run check:docs                                  # a chromium on the PATH
 *   CHROMIUM_PATH=/path/to/chromium npm run check:docs  # or that one
 *
 * It starts the API itself (PORT 3471, or CHECK_DOCS_PORT; a generated admin key; the embedded
 * PostgreSQL on a free port in a temporary data directory), opens /docs, authorises with the key,
 * runs "Try it out" then "Execute" on GET /families, and checks that Swagger UI called the server the
 * page came from (its request URL starts with http://127.0.0.1:<port>/), that it shows a 200, and that
 * no request of the page went to port 3000. It exits 0 only if every check passes; without a browser
 * it says how to install one and exits 2. It needs a Chromium, so it is not part of `npm test`.
 */
import { randomBytes } from 'node:crypto'
import { accessSync, constants } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { type ApiProcess, startApi } from '../bench/api-process.js'

const PORT = Number(process.env.CHECK_DOCS_PORT || 3471)
const DEFAULT_PORT = 3000
const OPERATION = { method: 'get', path: '/families', tag: 'Families', operationId: 'listFamilies' }
const origin = `http://127.0.0.1:${PORT}`
const key = `check_${randomBytes(24).toString('base64url')}`

/** CHROMIUM_PATH, else the first chromium on the PATH. */
function findChromium(): string | null {
  const isExecutable = (file: string) => {
    try {
      accessSync(file, constants.X_OK)
      return true
    } catch {
      return false
    }
  }
  const explicit = process.env.CHROMIUM_PATH
  if (explicit) return isExecutable(explicit) ? explicit : null
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
      if (isExecutable(path.join(dir, name))) return path.join(dir, name)
    }
  }
  return null
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const failures: string[] = []
function check(ok: boolean, what: string) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  if (!ok) failures.push(what)
}

async function exerciseDocs(page: Page, requests: { method: string; url: string; authorization?: string }[]) {
  page.on('request', (r) => {
    requests.push({ method: r.method(), url: r.url(), authorization: r.headers().authorization })
  })
  const docsUrl = `${origin}/docs`
  const loaded = await page.goto(docsUrl, { waitUntil: 'load' })
  console.log(`loaded   ${docsUrl} (HTTP ${loaded?.status()})`)
  await page.locator('.swagger-ui .information-container .title').waitFor({ timeout: 30_000 })
  console.log(`rendered ${((await page.locator('.swagger-ui .information-container .title').textContent()) ?? '').replace(/\s+/g, ' ')}`)

  // Authorize: the bearer scheme's dialog.
  await page.locator('.swagger-ui .scheme-container button.authorize').click()
  const dialog = page.locator('.swagger-ui .dialog-ux .modal-ux')
  await dialog.locator('input[aria-label="auth-bearer-value"]').fill(key)
  await dialog.locator('button[aria-label="Apply credentials"]').click()
  // Authorised, the dialog offers to remove the authorization instead.
  await dialog.locator('button[aria-label="Remove authorization"]').waitFor({ timeout: 10_000 })
  await dialog.locator('.auth-btn-wrapper button.btn-done').click()
  await dialog.waitFor({ state: 'detached', timeout: 10_000 })
  console.log('authorised with the bearer scheme')

  // The operation: scroll down to it (Swagger UI renders operations as they come into view), expand it,
  // "Try it out", "Execute".
  const block = page.locator(`.swagger-ui #operations-${OPERATION.tag}-${OPERATION.operationId}`)
  for (let i = 0; i < 200 && (await block.count()) === 0; i++) {
    await page.mouse.wheel(0, 600)
    await page.waitForTimeout(100)
  }
  await block.locator(`.opblock-summary-path[data-path="${OPERATION.path}"]`).waitFor({ timeout: 10_000 })
  if (!(await block.getAttribute('class'))?.includes('is-open')) await block.locator('.opblock-summary').first().click()
  await block.locator('button.try-out__btn').click()
  await block.locator('button.execute').click()
  const requestUrl = block.locator('.request-url pre').first()
  await requestUrl.waitFor({ timeout: 30_000 })
  const status = block.locator('.live-responses-table .response .response-col_status').first()
  await status.waitFor({ timeout: 30_000 })
  return {
    requestUrl: ((await requestUrl.textContent()) ?? '').trim(),
    status: ((await status.textContent()) ?? '').trim(),
  }
}

async function main(): Promise<number> {
  const executablePath = findChromium()
  if (!executablePath) {
    console.error(
      process.env.CHROMIUM_PATH
        ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file.`
        : 'No Chromium found on the PATH (chromium, chromium-browser, google-chrome-stable, google-chrome).',
    )
    console.error('This check needs one: install it (Debian/Ubuntu: `apt-get install chromium`), or set')
    console.error('CHROMIUM_PATH to a Chromium or Chrome executable. The check did not run.')
    return 2
  }
  if (await portInUse(PORT)) {
    console.error(`Port ${PORT} is in use; stop what listens there or set CHECK_DOCS_PORT to a free port.`)
    return 2
  }
  const pgPort = await freePort()
  console.log(`browser  ${executablePath}`)
  console.log(`starting the API on port ${PORT} (embedded PostgreSQL on port ${pgPort}, a temporary data directory)`)
  let api: ApiProcess | null = null
  let browser: Browser | null = null
  try {
    api = await startApi({
      port: PORT,
      adminKey: key,
      dataDirPrefix: 'fw-check-docs-',
      // Its own cluster, whatever this shell points at; no PUBLIC_URL, so the servers entry is relative.
      env: { DATABASE_URL: undefined, DATA_DIR: undefined, PUBLIC_URL: undefined, EMBEDDED_PG_PORT: String(pgPort) },
    })
    browser = await chromium.launch({ executablePath, headless: true })
    console.log(`         ${browser.version()}`)
    const page = await browser.newPage()
    const requests: { method: string; url: string; authorization?: string }[] = []
    const shown = await exerciseDocs(page, requests)
    const operation = `${OPERATION.method.toUpperCase()} ${OPERATION.path}`
    console.log(`executed ${operation}`)
    console.log(`         request URL shown: ${shown.requestUrl}`)
    console.log(`         response status shown: ${shown.status}`)
    console.log(`         the page made ${requests.length} requests:`)
    for (const r of requests) console.log(`           ${r.method} ${r.url}`)
    console.log('')

    check(shown.requestUrl.startsWith(`${origin}/`), `the request URL starts with ${origin}/`)
    check(new URL(shown.requestUrl).pathname === OPERATION.path, `the request URL's path is ${OPERATION.path}`)
    check(shown.status === '200', 'Swagger UI shows a 200')
    const sent = requests.filter((r) => r.method === 'GET' && new URL(r.url).origin === origin && new URL(r.url).pathname === OPERATION.path)
    check(sent.length === 1 && sent[0].authorization === `Bearer ${key}`, `the page sent ${operation} to ${origin}, with the key`)
    const toDefault = requests.filter((r) => new URL(r.url).port === String(DEFAULT_PORT))
    check(toDefault.length === 0, `no request went to port ${DEFAULT_PORT}${toDefault.length ? `: ${toDefault.map((r) => r.url).join(', ')}` : ''}`)
    const elsewhere = requests.filter((r) => !r.url.startsWith('data:') && new URL(r.url).origin !== origin)
    check(elsewhere.length === 0, `every request went to ${origin}${elsewhere.length ? ` (not: ${elsewhere.map((r) => r.url).join(', ')})` : ''}`)
  } catch (error) {
    failures.push(String(error))
    console.error(`FAIL ${error instanceof Error ? error.message : error}`)
  } finally {
    await browser?.close()
    await api?.stop()
  }
  console.log(failures.length ? `\n${failures.length} check(s) failed.` : '\nThe reference page calls the server it was loaded from.')
  return failures.length ? 1 : 0
}

process.exitCode = await main()
