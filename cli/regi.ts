import { CliUsageError } from './command.js';
import { COMMANDS } from './commands/index.js';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  return [
    'regi: point-of-sale register simulator',
    '',
    'usage: regi COMMAND [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  regi help COMMAND shows a command's options`,
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : COMMANDS.find((c) => c.name === topic);
    if (topic !== undefined && topic !== 'help' && !command) {
      console.error(`regi: unknown command "${topic}"\n\n${help()}`);
      return 2;
    }
    console.log(command ? command.usage : help());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`regi: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliUsageError) {
      console.error(`regi ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    console.error(`regi ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
