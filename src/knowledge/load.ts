/**
 * Loads `knowledge/` from disk: parses each YAML file, validates it with zod, then checks every
 * cross-reference. Any problem throws a KNOWLEDGE_INVALID error naming the file, the field and,
 * where known, the line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { CalfbotError } from '../errors.js';
import {
  careFileSchema,
  causeSchema,
  disclaimersFileSchema,
  findingsFileSchema,
  followUpsFileSchema,
  type Knowledge,
  medicinesFileSchema,
  questionsFileSchema,
  redFlagsFileSchema,
  sourcesFileSchema,
} from './schema.js';
import { validateReferences } from './validate-references.js';

/** The `knowledge/` folder shipped with calfbot, found from this module's location (src or dist). */
export function defaultKnowledgeDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'knowledge');
    if (existsSync(path.join(candidate, 'sources.yaml'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new CalfbotError('KNOWLEDGE_INVALID', 'Cannot find the knowledge/ folder next to calfbot.');
}

interface ParsedFile<T> {
  file: string;
  data: T;
  lineOf: (fieldPath: ReadonlyArray<PropertyKey>) => number | undefined;
}

function parseFile<S extends z.ZodType>(file: string, schema: S, label: string): ParsedFile<z.infer<S>> {
  const raw = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line;
    throw new CalfbotError(
      'KNOWLEDGE_INVALID',
      `${label}${line ? `:${line}` : ''}: not valid YAML: ${err.message.split('\n')[0]}`,
    );
  }
  const lineOf = (fieldPath: ReadonlyArray<PropertyKey>): number | undefined => {
    // Walk down as far as the path exists and report the deepest node's line.
    let node: unknown = doc.contents;
    let offset: number | undefined;
    for (const key of fieldPath) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
        if (!pair) break;
        offset = (pair.key as { range?: [number] })?.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        offset = (node as { range?: [number] })?.range?.[0] ?? offset;
      } else break;
    }
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(top level)';
    const line = lineOf(issue.path);
    throw new CalfbotError(
      'KNOWLEDGE_INVALID',
      `${label}${line ? `:${line}` : ''}: field "${field}": ${issue.message}`,
    );
  }
  return { file: label, data: result.data, lineOf };
}

export function loadKnowledge(dir: string = defaultKnowledgeDir()): Knowledge {
  const rel = (f: string) => path.join(path.basename(dir), path.relative(dir, f));
  const at = (name: string) => path.join(dir, name);
  const need = (name: string) => {
    if (!existsSync(at(name)))
      throw new CalfbotError('KNOWLEDGE_INVALID', `${rel(at(name))}: file is missing.`);
    return at(name);
  };
  const sources = parseFile(need('sources.yaml'), sourcesFileSchema, rel(at('sources.yaml')));
  const findings = parseFile(need('findings.yaml'), findingsFileSchema, rel(at('findings.yaml')));
  const questions = parseFile(need('questions.yaml'), questionsFileSchema, rel(at('questions.yaml')));
  const redFlags = parseFile(need('red-flags.yaml'), redFlagsFileSchema, rel(at('red-flags.yaml')));
  const care = parseFile(need('care.yaml'), careFileSchema, rel(at('care.yaml')));
  const disclaimers = parseFile(need('disclaimers.yaml'), disclaimersFileSchema, rel(at('disclaimers.yaml')));
  const medicines = parseFile(need('medicines.yaml'), medicinesFileSchema, rel(at('medicines.yaml')));
  const followUps = parseFile(need('follow-ups.yaml'), followUpsFileSchema, rel(at('follow-ups.yaml')));
  const causeDir = at('causes');
  const causeFiles = existsSync(causeDir)
    ? readdirSync(causeDir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => parseFile(path.join(causeDir, f), causeSchema, rel(path.join(causeDir, f))))
    : [];

  const knowledge: Knowledge = {
    sources: new Map(sources.data.sources.map((s) => [s.id, s])),
    findings: new Map(findings.data.findings.map((f) => [f.id, f])),
    groups: questions.data.groups,
    causes: new Map(causeFiles.map((c) => [c.data.id, c.data])),
    redFlags: redFlags.data.rules,
    medicines: medicines.data.classes,
    followUps: followUps.data.topics,
    care: care.data,
    disclaimers: disclaimers.data,
  };
  validateReferences(knowledge, {
    sources,
    findings,
    questions,
    redFlags,
    care,
    medicines,
    followUps,
    causes: causeFiles,
  });
  return knowledge;
}
