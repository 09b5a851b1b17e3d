/**
 * Every exported name of the five entry points ('.', './node', './testing', './interop', './backend-kit') has a doc comment:
 * TypeDoc converts them with typedoc.json (the configuration `pnpm docs` uses) and its
 * `validation.notDocumented` check must report nothing; links in comments must resolve. A
 * fixture with one undocumented export shows the check would catch a removed comment.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Application, Logger, LogLevel, TSConfigReader, TypeDocReader, type TypeDocOptions } from 'typedoc';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const typedocJson = join(packageRoot, 'typedoc.json');
const config = JSON.parse(readFileSync(typedocJson, 'utf8')) as { entryPoints: string[]; requiredToBeDocumented: string[] };

/** Keeps TypeDoc's warnings and errors instead of printing them. */
class CollectingLogger extends Logger {
  readonly messages: string[] = [];
  override log(message: string, level: LogLevel): void {
    if (level >= LogLevel.Warn) this.messages.push(message);
  }
}

/** Converts and validates like `typedoc --emit none`; returns TypeDoc's warnings and errors. */
async function typedocProblems(options: TypeDocOptions, fromConfigFile: boolean): Promise<string[]> {
  const readers = fromConfigFile ? [new TypeDocReader(), new TSConfigReader()] : [];
  const app = await Application.bootstrapWithPlugins(options, readers);
  const logger = new CollectingLogger();
  app.logger = logger;
  const project = await app.convert();
  if (!project) return [...logger.messages, 'TypeDoc could not convert the project'];
  app.validate(project);
  return logger.messages;
}

const undocumented = (messages: string[]) => messages.filter((m) => m.includes('does not have any documentation'));
const badLinks = (messages: string[]) => messages.filter((m) => /Failed to resolve link|links to .* not included/.test(m));

describe('API reference', () => {
  it('documents the entry points ., ./node, ./testing, ./interop and ./backend-kit', () => {
    expect(config.entryPoints).toEqual(['src/index.ts', 'src/node/index.ts', 'src/testing/index.ts', 'src/interop/index.ts', 'src/backend/backend-kit.ts']);
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports).filter((k) => k === '.' || (!k.includes('*') && !k.endsWith('.json')))).toEqual(['.', './testing', './node', './interop', './backend-kit']);
  });

  it('every exported name has a doc comment, and every {@link} resolves', async () => {
    const messages = await typedocProblems({ options: typedocJson }, true);
    expect(undocumented(messages)).toEqual([]);
    expect(badLinks(messages)).toEqual([]);
  }, 240_000);

  describe('the check catches a missing comment (fixture)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backprop-docs-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', types: [] }, include: ['src'] }));
    writeFileSync(
      join(dir, 'src/index.ts'),
      [
        '/** Documented: adds one. @param x a number */',
        'export function documented(x: number): number { return x + 1; }',
        'export function forgotten(x: number): number { return x - 1; }',
        'export interface Shape { readonly size: number }',
        '/** A documented constant. */',
        'export const LIMIT = 3;',
        '',
      ].join('\n'),
    );

    it('reports exactly the exports without a comment', async () => {
      const messages = await typedocProblems({
        entryPoints: [join(dir, 'src/index.ts')],
        tsconfig: join(dir, 'tsconfig.json'),
        validation: { notDocumented: true, notExported: false, invalidLink: true },
        requiredToBeDocumented: config.requiredToBeDocumented as TypeDocOptions['requiredToBeDocumented'],
        skipErrorChecking: true,
      }, false);
      const names = undocumented(messages).map((m) => /^(\S+) \(/.exec(m)?.[1]);
      expect(names.sort()).toEqual(['forgotten', 'Shape'].sort());
    }, 120_000);
  });
});
