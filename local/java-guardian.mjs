// Runs DynamoDB Local's JVM as its own child and ties the JVM's life to our parent's.
//
// Plain JavaScript, run by `node` itself, because it must outlive a parent that dies abruptly
// (SIGKILL, a crashed test worker, a closed terminal): Node has no way to make a child die with its
// parent, but a pipe closes when its writer goes away, however it goes. The parent holds our stdin;
// when that closes we stop java and exit once it has.
//
//   node java-guardian.mjs <java command> <args…>
//
// Exit code: java's own, or 127 when the java command does not exist (as a shell would say).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const [command, ...args] = process.argv.slice(2);
const java = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  java.kill('SIGTERM');
  // DynamoDB Local shuts down in well under a second; one stuck in a shutdown hook must not linger.
  setTimeout(() => java.kill('SIGKILL'), 5_000).unref();
}

// Our stdout/stderr are pipes to the parent; if it died, writing to them must not kill us before java.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

java.on('error', (error) => {
  process.stderr.write(`java-guardian: cannot run ${command}: ${error.code ?? error.message}\n`);
  process.exit(error.code === 'ENOENT' ? 127 : 126);
});
java.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));

process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
