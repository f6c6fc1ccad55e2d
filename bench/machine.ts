/** One line describing where the numbers came from: CPU, cores, RAM, Node, the temp file system, load. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  /** File system type of the directory the benchmarks write to (`stat -f`). */
  fs: string;
  loadAverage: [number, number, number];
}

export function describeMachine(dir: string): Machine {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() || 'unknown CPU',
    cores: list.length,
    ramGiB: totalmem() / 2 ** 30,
    node: process.version,
    os: `${platform()} ${release()}`,
    fs: fileSystemType(dir),
    loadAverage: loadavg() as [number, number, number],
  };
}

export function formatMachine(m: Machine, loadAfter?: readonly number[]): string {
  const load = (l: readonly number[]) => l.map((v) => v.toFixed(2)).join(' ');
  return (
    `machine: ${m.cpuModel}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB RAM, node ${m.node}, ${m.os}, ` +
    `temp fs ${m.fs}; load average ${load(m.loadAverage)} at start${loadAfter ? `, ${load(loadAfter)} at end` : ''}`
  );
}

function fileSystemType(dir: string): string {
  try {
    const type = execFileSync('stat', ['-f', '-c', '%T', dir], { encoding: 'utf8' }).trim();
    const mount = execFileSync('df', ['--output=source,target', dir], { encoding: 'utf8' }).trim().split('\n')[1]?.trim().replace(/\s+/g, ' on ');
    return mount ? `${type} (${mount})` : type;
  } catch {
    return 'unknown';
  }
}
