// Under `npm start` (or npx, yarn, pnpm) the server runs below the package manager: npm -> sh -> node.
// Stopping npm with a signal ends the shell but not this process, and killing npm outright ends
// neither; the server would keep its port and database with nobody left to stop it. So a server that
// npm started watches every process between itself and npm, and drains when one of them is gone.
import fs from 'node:fs';

const LAUNCHER = /(^|[/\s])(npm|npx|yarn|pnpm)(-cli\.js|\.js|\.cjs)?(\s|$)/;

interface Proc {
  pid: number;
  /** Start time in clock ticks since boot: a reused pid has another one. */
  started: string;
}

/** The parent id and start time of a process, from /proc (Linux), or undefined when it is gone. */
function stat(pid: number): { ppid: number; started: string } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // the name in brackets may hold spaces
    return { ppid: Number(fields[1]), started: fields[19]! };
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** This process's ancestors up to the package manager that started it (only the parent, if none is found). */
function launchers(): Proc[] {
  const chain: Proc[] = [];
  for (let pid = process.ppid; pid > 1 && chain.length < 8;) {
    const s = stat(pid);
    if (!s) break;
    chain.push({ pid, started: s.started });
    if (LAUNCHER.test(commandLine(pid))) return chain;
    pid = s.ppid;
  }
  return chain.slice(0, 1);
}

/** Calls `gone` once, when a process between this one and its launcher has ended. */
export function watchLaunchers(gone: () => void, everyMs = 500): void {
  const parent = process.ppid;
  const watched = fs.existsSync('/proc/self/stat') ? launchers() : [];
  const alive = (p: Proc) => stat(p.pid)?.started === p.started;
  const timer = setInterval(() => {
    // Without /proc, a parent that ended shows as a changed parent id (this process was handed to init).
    if (process.ppid === parent && watched.every(alive)) return;
    clearInterval(timer);
    gone();
  }, everyMs);
  timer.unref();
}
