import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * Where the CPU went during a phase: this Node process (all its threads), its event loop's busy
 * share (the single thread every request passes through), and DynamoDB Local's JVM (a child of a
 * child of ours). In percent of one core; the JVM's figure only where /proc exists (Linux).
 */
export interface CpuShare {
  nodePercent: number;
  eventLoopPercent: number;
  dynamodbPercent?: number;
}

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

function procStat(pid: string): { ppid: string; comm: string; ticks: number; rssPages: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' '); // fields[0] is the state, field 3 of stat(5)
    return { ppid: fields[1], comm: text.slice(text.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12]), rssPages: Number(fields[21]) };
  } catch {
    return undefined; // gone meanwhile, or no /proc
  }
}

/** The java processes descended from this one (DynamoDB Local), with their CPU ticks and RSS. */
function javaDescendants(): { ticks: number; rssBytes: number } | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const stats = new Map(pids.map((pid) => [pid, procStat(pid)] as const));
  const isOurs = (pid: string): boolean => {
    for (let p: string | undefined = pid, hops = 0; p && hops < 10; p = stats.get(p)?.ppid, hops++) {
      if (p === String(process.pid)) return true;
    }
    return false;
  };
  const javas = [...stats].filter(([pid, s]) => s?.comm === 'java' && isOurs(pid)).map(([, s]) => s!);
  if (!javas.length) return undefined;
  return { ticks: javas.reduce((sum, s) => sum + s.ticks, 0), rssBytes: javas.reduce((sum, s) => sum + s.rssPages * 4096, 0) };
}

/** DynamoDB Local's resident memory, when it can be read. */
export const dynamodbRssBytes = () => javaDescendants()?.rssBytes;

/** Starts counting; the returned function tells the shares since then. */
export function cpuMeter(): () => CpuShare {
  const wall = performance.now();
  const node = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const java = javaDescendants();
  return () => {
    const seconds = (performance.now() - wall) / 1000;
    const used = process.cpuUsage(node);
    const javaNow = javaDescendants();
    const percent = (cpuSeconds: number) => Math.round((cpuSeconds / seconds) * 100);
    return {
      nodePercent: percent((used.user + used.system) / 1e6),
      eventLoopPercent: Math.round(performance.eventLoopUtilization(loop).utilization * 100),
      ...(java && javaNow ? { dynamodbPercent: percent((javaNow.ticks - java.ticks) / TICKS_PER_SECOND) } : {}),
    };
  };
}
