/**
 * `npm run seed -- [--families N] [--clocks-per-family M] [--teams T] [--seed S] [--now <instant>]`:
 * seeds a realistic volume of casework for the benchmarks. The seeder lives in `scripts/seed/` (see main.ts).
 */
import { runFromCommandLine } from './seed/main.js'

runFromCommandLine()
