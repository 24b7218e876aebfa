// Usage: node --import tsx bench/signed-in.ts <origin> <email> <password> <orgId> — against a running server (any version),
// to compare the signed-in cost of two versions side by side (docs/performance.md, issue 11).
const [base, email, password, orgId] = process.argv.slice(2) as [string, string, string, string];
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
async function signIn() {
  const t = performance.now();
  const res = await fetch(`${base}/en/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: form({ email, password }),
  });
  const ms = performance.now() - t;
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c?.startsWith('__Host-amparo_session'));
  return { ms, cookie };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const signins: number[] = [];
let cookie = '';
for (let i = 0; i < 9; i++) {
  const r = await signIn();
  signins.push(r.ms);
  cookie = r.cookie ?? '';
}
const gets: number[] = [];
for (let i = 0; i < 300; i++) {
  const t = performance.now();
  const r = await fetch(`${base}/en/orgs/${orgId}`, { headers: { cookie } });
  await r.text();
  if (r.status !== 200) throw new Error(`status ${r.status}`);
  gets.push(performance.now() - t);
}
console.log(
  JSON.stringify({ signInMedianMs: +median(signins)!.toFixed(1), orgPageMedianMs: +median(gets)!.toFixed(2) }),
);
