/**
 * `regi audit show | head -1`: once the reader of a pipe has gone, the next write to stdout fails with EPIPE
 * (Node ignores SIGPIPE), and an unhandled stream error would print a stack trace and exit 1. The reader
 * asked for no more output, so regi stops there, quietly.
 */
export function exitQuietlyWhenStdoutCloses(stdout: NodeJS.WriteStream = process.stdout): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    // Status 0, not 141 (128 + SIGPIPE, what a shell reports for a tool killed by the signal): the output was
    // cut short on purpose by the reader (`| head`), not by a failure of regi, and under `set -o pipefail`
    // a 141 would fail scripts that only wanted the first lines.
    process.exit(0);
  });
}
