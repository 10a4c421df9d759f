import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConverseProcess } from './helpers/converse-process.js';

/** What the person is offered after an opening: the findings of the question's options. */
describe('misspelt openings through calfbot converse', () => {
  let p: ConverseProcess;
  let n = 0;
  const offered = async (text: string): Promise<string[]> => {
    const out = await p.send({ conversation: `typo-${process.pid}-${n++}`, text });
    const q = out.replies.at(-1);
    expect(q.kind).toBe('question');
    return (q.options ?? []).map((o: { finding: string }) => o.finding);
  };
  beforeAll(() => {
    p = new ConverseProcess();
  });
  afterAll(async () => {
    expect(await p.close()).toBe(0);
  });

  it('"sweeling" is read as "swelling": the swollen calf is not asked about again', async () => {
    const typed = await offered('my left calf is sweeling');
    expect(typed).toEqual(await offered('my left calf is swelling'));
    expect(typed).not.toContain('one_leg_swollen');
  });

  it('"smelling" is a real word: read as nothing, like "hurts", never as swelling', async () => {
    const smelling = await offered('my left calf is smelling');
    expect(smelling).toEqual(await offered('my left calf hurts'));
    expect(smelling).toContain('one_leg_swollen');
  });

  it('"no sweling" is a denial: swelling is neither asked nor taken as present', async () => {
    const denied = await offered('no sweling, my left calf hurts');
    expect(denied).toEqual(await offered('no swelling, my left calf hurts'));
    expect(denied).not.toContain('one_leg_swollen');
  });

  it('"fligt" is a flight (a clot risk): the screen is the one a flight gets, not a trip', async () => {
    const typed = await offered('my left calf hurts since a long fligt');
    expect(typed).toEqual(await offered('my left calf hurts since a long flight'));
    expect(typed).not.toEqual(await offered('my left calf hurts since a long trip'));
  });
});
