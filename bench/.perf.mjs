import { readdirSync, readFileSync } from 'node:fs'
import { createJiti } from 'jiti'
const ROOT='/work/wt/safety-lists/'
const jiti = createJiti(ROOT+'bench/x.mjs', { alias: { '#shared': `${ROOT}shared` } })
const { SafetyTermList } = await jiti.import(`${ROOT}shared/schemas/safety.ts`)
const { BuiltinSafetyProvider } = await jiti.import(`${ROOT}server/utils/providers/builtin/safety/builtin-safety.ts`)
const dir=ROOT+'server/assets/safety/'
const lists=readdirSync(dir).filter(f=>f.endsWith('.json')).map(f=>SafetyTermList.parse(JSON.parse(readFileSync(dir+f,'utf8'))))
const p=new BuiltinSafetyProvider(lists)
const prompt = 'Ein fröhlicher Hund spielt mit einem roten Ball auf einer grünen Wiese neben einem alten Baum, und die Sonne scheint über den Bergen.'
for (let r=0;r<3;r++){const c0=process.cpuUsage();const t=performance.now();for (let i=0;i<1000;i++) await p.check({text:prompt,level:'kids',language:'de'});const c=process.cpuUsage(c0);console.log('wall ms/check',((performance.now()-t)/1000).toFixed(3),'cpu ms/check',((c.user+c.system)/1e6).toFixed(3))}
