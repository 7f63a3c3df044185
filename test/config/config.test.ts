import t from 'tap'
import { ConfigError, loadConfig } from '../../src/config.js'

t.test('config is parsed once with defaults', async (t) => {
  const config = loadConfig({})
  t.match(config, { PORT: 3000, HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: '.data' })
  t.notOk(config.DATABASE_URL)
  t.ok(Object.isFrozen(config))
  t.equal(loadConfig({ PORT: '8080', LOG_LEVEL: 'debug' }).PORT, 8080)
})

t.test('a bad value is a clear error naming the variable', async (t) => {
  const error = (() => {
    try {
      loadConfig({ PORT: 'eighty' })
    } catch (e) {
      return e
    }
  })()
  t.ok(error instanceof ConfigError, 'a ConfigError')
  t.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/)
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/)
  t.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/)
  t.throws(() => loadConfig({ ADMIN_API_KEY: 'short' }), /ADMIN_API_KEY/)
})
