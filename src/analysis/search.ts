/**
 * The witness search: from the plain account, turn the knobs that change what the conditions
 * read — one knob at a time first, then two, and so on — through every setting, and hand each
 * account to `test` until it accepts one. Small changes come first, so a witness differs from the
 * plain account only where it must. The search is bounded; it finds, it never proves.
 */
import { epochMs } from '../facts/time.js';
import { deriveFacts } from '../facts/derive-facts.js';
import { lifecycleAt, type LifecycleParameters } from '../facts/lifecycle.js';
import type { Facts } from '../generated/facts.js';
import { witnessOf, type Draft, type Witness } from './draft.js';
import { applySetting, changesPath, KNOBS, type Setting } from './knobs.js';
import type { Scope } from './scope.js';

/** At most this many accounts are tried per search. */
export const MAX_CANDIDATES = 100_000;

export interface Candidate {
  draft: Draft;
  witness: Witness;
}

export function* candidates(scope: Scope): Generator<Candidate> {
  const settings = KNOBS.map((knob) => ({ knob, options: knob.options(scope) }));
  const plain = settings.reduce(
    (draft, { options }) => applySetting(draft, options[0] ?? {}),
    {} as Draft,
  );
  const turned = settings
    .filter(
      ({ knob, options }) =>
        options.length > 1 && [...scope.reads].some((read) => changesPath(knob, read)),
    )
    .map(({ options }) => options.slice(1));
  let tried = 0;
  for (const draft of bySize(plain, turned)) {
    if (++tried > MAX_CANDIDATES) return;
    yield { draft, witness: witnessOf(draft) };
  }
}

/** Every combination of settings, by how many knobs are turned away from the plain account. */
function* bySize(plain: Draft, turned: readonly Setting[][]): Generator<Draft> {
  function* choose(start: number, left: number, draft: Draft): Generator<Draft> {
    if (left === 0) {
      yield draft;
      return;
    }
    for (let i = start; i <= turned.length - left; i++)
      for (const setting of turned[i]!)
        yield* choose(i + 1, left - 1, applySetting(draft, setting));
  }
  for (let size = 0; size <= turned.length; size++) yield* choose(0, size, plain);
}

/** The facts a rule set with these parameters derives from a witness (no validation: see replay). */
export function factsOf(witness: Witness, parameters: LifecycleParameters): Facts {
  const nowMs = epochMs(witness.now);
  const { snapshot } = witness;
  const lifecycle = lifecycleAt(snapshot.cancellation, nowMs, parameters);
  return deriveFacts({ snapshot, parameters, nowMs, lifecycle, target: witness.unbind });
}
