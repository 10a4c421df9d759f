/**
 * Cross-file checks the per-file schemas cannot make: unknown source / finding / cause ids,
 * duplicates, and the ids the contract requires. Errors name the file, field path and line.
 */
import path from 'node:path';
import { CalfbotError } from '../errors.js';
import { CONTRACT_CAUSES, CONTRACT_FINDINGS } from './contract-ids.js';
import type { Knowledge } from './schema.js';

interface FileInfo {
  file: string;
  data: unknown;
  lineOf: (p: ReadonlyArray<PropertyKey>) => number | undefined;
}

function fail(f: FileInfo, fieldPath: ReadonlyArray<PropertyKey>, message: string): never {
  const line = f.lineOf(fieldPath);
  const field = fieldPath.map(String).join('.') || '(top level)';
  throw new CalfbotError(
    'KNOWLEDGE_INVALID',
    `${f.file}${line ? `:${line}` : ''}: field "${field}": ${message}`,
  );
}

/**
 * A cause's upper limits: a number needs the text that quotes it, and whatever quotes an adult
 * limit needs what a child is told instead; IU converts only where a limit says how.
 */
function upperLimitsOf(f: FileInfo): void {
  const c = f.data as {
    upper_limit?: unknown;
    upper_limit_child?: unknown;
    upper_limit_amount?: Array<{ unit: string; iu_per_mcg?: number }>;
    upper_limit_child_amount?: Array<{ unit: string; iu_per_mcg?: number; from_age: number; to_age: number }>;
  };
  const amounts = c.upper_limit_amount ?? [];
  if (amounts.length > 0 && c.upper_limit === undefined)
    fail(f, ['upper_limit_amount'], 'an upper limit as a number needs the `upper_limit` text that quotes it');
  if (c.upper_limit !== undefined && c.upper_limit_child === undefined)
    fail(f, ['upper_limit'], 'an upper limit needs `upper_limit_child`, what a parent is told instead');
  amounts.forEach((a, i) => {
    if (a.iu_per_mcg !== undefined && a.unit !== 'mcg')
      fail(f, ['upper_limit_amount', i, 'iu_per_mcg'], '`iu_per_mcg` is only for a limit in mcg');
  });
  (c.upper_limit_child_amount ?? []).forEach((a, i) => {
    if (a.iu_per_mcg !== undefined && a.unit !== 'mcg')
      fail(f, ['upper_limit_child_amount', i, 'iu_per_mcg'], '`iu_per_mcg` is only for a limit in mcg');
    if (a.from_age > a.to_age)
      fail(f, ['upper_limit_child_amount', i, 'to_age'], '`to_age` must not be below `from_age`');
  });
}

/** Visit every `sources: [...]` array in a parsed file. */
function eachSourceList(
  value: unknown,
  fieldPath: PropertyKey[],
  visit: (ids: string[], p: PropertyKey[]) => void,
): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      eachSourceList(v, [...fieldPath, i], visit);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      // A claim's `sources` is a list of ids; sources.yaml's top-level `sources` is a list of
      // source objects, which is walked (it holds no ids) rather than checked as ids.
      if (k === 'sources' && Array.isArray(v) && v.every((x) => typeof x === 'string')) {
        visit(v as string[], [...fieldPath, k]);
      } else eachSourceList(v, [...fieldPath, k], visit);
    }
  }
}

export function validateReferences(
  k: Knowledge,
  files: {
    sources: FileInfo;
    findings: FileInfo;
    questions: FileInfo;
    redFlags: FileInfo;
    care: FileInfo;
    medicines: FileInfo;
    followUps: FileInfo;
    causes: FileInfo[];
  },
): void {
  const dupes = (f: FileInfo, key: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) fail(f, [key, i, 'id'], `duplicate id "${id}"`);
      seen.add(id);
    });
  };
  dupes(
    files.sources,
    'sources',
    (files.sources.data as { sources: { id: string }[] }).sources.map((s) => s.id),
  );
  dupes(
    files.findings,
    'findings',
    (files.findings.data as { findings: { id: string }[] }).findings.map((s) => s.id),
  );

  for (const f of [
    files.sources,
    files.findings,
    files.questions,
    files.redFlags,
    files.care,
    files.medicines,
    files.followUps,
    ...files.causes,
  ]) {
    eachSourceList(f.data, [], (ids, p) => {
      ids.forEach((id, i) => {
        if (!k.sources.has(id)) fail(f, [...p, i], `unknown source id "${id}" (add it to sources.yaml)`);
      });
    });
  }

  const finding = (f: FileInfo, p: PropertyKey[], id: string) => {
    if (!k.findings.has(id)) fail(f, p, `unknown finding id "${id}" (define it in findings.yaml)`);
  };
  // A claim's `when` names findings ("On a statin, ..." only when statin_use is present).
  const eachWhen = (f: FileInfo, value: unknown, p: PropertyKey[]): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) eachWhen(f, v, [...p, i]);
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if ((key === 'when' || key === 'unless') && Array.isArray(v)) {
          for (const [i, id] of v.entries()) finding(f, [...p, key, i], String(id));
        } else eachWhen(f, v, [...p, key]);
      }
    }
  };
  for (const f of [files.redFlags, files.care, files.followUps, ...files.causes]) eachWhen(f, f.data, []);
  k.groups.forEach((g, gi) => {
    g.findings.forEach((id, i) => {
      finding(files.questions, ['groups', gi, 'findings', i], id);
    });
  });
  k.redFlags.forEach((r, ri) => {
    [...r.all, ...r.any, ...r.unless].forEach((id) => {
      finding(files.redFlags, ['rules', ri], id);
    });
    if (r.cause !== undefined && !k.causes.has(r.cause))
      fail(files.redFlags, ['rules', ri, 'cause'], `unknown cause id "${r.cause}"`);
  });
  for (const f of k.findings.values()) {
    for (const id of [...f.ask_if, ...f.ask_unless, ...f.ask_alone_if, ...f.implies])
      finding(files.findings, ['findings'], id);
  }
  k.followUps.forEach((t, ti) => {
    t.dose_limits.forEach((d, di) => {
      if (d.overdose_finding !== undefined)
        finding(files.followUps, ['topics', ti, 'dose_limits', di, 'overdose_finding'], d.overdose_finding);
    });
  });
  k.medicines.forEach((m, mi) => {
    m.findings.forEach((id, i) => {
      finding(files.medicines, ['classes', mi, 'findings', i], id);
    });
  });
  const seenCauses = new Set<string>();
  for (const f of files.causes) {
    const c = f.data as {
      id: string;
      scoring: { weights: Record<string, number>; absent: Record<string, number> };
    };
    const expected = path.basename(f.file, '.yaml');
    if (c.id !== expected) fail(f, ['id'], `the id "${c.id}" must match the file name "${expected}"`);
    if (seenCauses.has(c.id)) fail(f, ['id'], `duplicate cause id "${c.id}"`);
    seenCauses.add(c.id);
    for (const id of Object.keys(c.scoring.weights)) finding(f, ['scoring', 'weights', id], id);
    for (const id of Object.keys(c.scoring.absent ?? {})) finding(f, ['scoring', 'absent', id], id);
    for (const id of (c.scoring as { requires?: string[] }).requires ?? [])
      finding(f, ['scoring', 'requires'], id);
    upperLimitsOf(f);
  }
  if (!k.care.regions[k.care.default_region]) {
    fail(files.care, ['default_region'], `no region "${k.care.default_region}" under regions`);
  }
  for (const id of CONTRACT_FINDINGS) {
    if (!k.findings.has(id))
      fail(files.findings, ['findings'], `the contract's finding "${id}" is not defined`);
  }
  for (const id of CONTRACT_CAUSES) {
    if (!k.causes.has(id)) {
      throw new CalfbotError(
        'KNOWLEDGE_INVALID',
        `knowledge/causes/${id}.yaml: file is missing (a contract cause).`,
      );
    }
  }
}
