// Commands that touch an organisation's sealed data act as one of its members (only members hold its
// key, docs/decisions/0014), who signs in with their password: from AMPARO_PASSWORD for scripts, else
// asked for on the terminal without echo, else the first line of standard input.

/**
 * The password: AMPARO_PASSWORD (`fromEnv`, read by config/env.ts), else typed at the terminal (not
 * echoed), else standard input's first line.
 */
export async function readPassword(prompt: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      stdin.on('data', (data: string) => {
        for (const ch of data) {
          if (ch === '\r' || ch === '\n') return resolve(typed);
          if (ch === '\u0003') return reject(new Error('interrupted'));
          if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
          else typed += ch;
        }
      });
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    stdin.removeAllListeners('data');
    process.stderr.write('\n');
  }
}
