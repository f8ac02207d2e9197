import { readdirSync, readFileSync } from 'node:fs'
import { createJiti } from 'jiti'
const ROOT='/work/wt/safety-lists/'
const jiti = createJiti(ROOT+'bench/x.mjs', { alias: { '#shared': `${ROOT}shared` } })
const { SafetyTermList } = await jiti.import(`${ROOT}shared/schemas/safety.ts`)
const { BuiltinSafetyProvider } = await jiti.import(`${ROOT}server/utils/providers/builtin/safety/builtin-safety.ts`)
const dir=ROOT+'server/assets/safety/'
const lists=readdirSync(dir).filter(f=>f.endsWith('.json')).map(f=>SafetyTermList.parse(JSON.parse(readFileSync(dir+f,'utf8'))))
const p=new BuiltinSafetyProvider(lists)
for (const level of (process.env.LEVELS ?? 'kids').split(',')) for (const t of process.argv.slice(2)) console.log(level, JSON.stringify(t), JSON.stringify(await p.check({text:t, level, language:'de'})))
