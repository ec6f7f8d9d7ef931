/**
 * Where the candidate actually spent their time: each candidate message is matched to the framework
 * step whose vocabulary it uses most (title, goal, key questions), and the time up to that message is
 * counted towards that step. A message that matches nothing clearly stays in the step before it.
 * A heuristic, labelled as an estimate wherever it is shown.
 */
export interface TrackedStep {
  key: string;
  title: string;
  goal: string;
  keyQuestions: readonly string[];
}

export interface PhaseActual {
  key: string;
  /** Minutes (interview time) attributed to this step so far, one decimal. */
  minutes: number;
}

const STOPWORDS = new Set(
  "about above after again against also because before being below between both could does doing down during each from further have having here into itself just more most other over same should some such than that their them then there these they this those through under until very what when where which while will with would your you the and for are how why who its can not our out use used using want need".split(
    " ",
  ),
);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 4 && !STOPWORDS.has(w))
      .map((w) => w.replace(/(ies|es|s)$/, "")),
  );
}

/** Each step's distinctive words: those used by fewer than half of the steps. */
export function stepVocabulary(steps: readonly TrackedStep[]): Set<string>[] {
  const perStep = steps.map((s) => words([s.title, s.goal, ...s.keyQuestions].join(" ")));
  const counts = new Map<string, number>();
  for (const vocabulary of perStep) for (const w of vocabulary) counts.set(w, (counts.get(w) ?? 0) + 1);
  return perStep.map(
    (vocabulary) => new Set([...vocabulary].filter((w) => (counts.get(w) ?? 0) < Math.max(2, steps.length / 2))),
  );
}

/** The step a message is about, or null when no step clearly wins (fewer than 2 distinctive words). */
export function classifyMessage(vocabularies: Set<string>[], content: string): number | null {
  const used = words(content);
  let best: number | null = null;
  let bestScore = 1;
  vocabularies.forEach((vocabulary, i) => {
    let score = 0;
    for (const w of used) if (vocabulary.has(w)) score += 1;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

export function actualPhaseMinutes(
  steps: readonly TrackedStep[],
  candidateMessages: readonly { content: string; atSeconds: number }[],
  elapsedSeconds: number,
): PhaseActual[] {
  const vocabularies = stepVocabulary(steps);
  const seconds = steps.map(() => 0);
  let current = 0;
  let since = 0;
  for (const message of [...candidateMessages].sort((a, b) => a.atSeconds - b.atSeconds)) {
    const step = classifyMessage(vocabularies, message.content) ?? current;
    seconds[step]! += Math.max(0, message.atSeconds - since);
    since = message.atSeconds;
    current = step;
  }
  seconds[current]! += Math.max(0, elapsedSeconds - since);
  return steps.map((s, i) => ({ key: s.key, minutes: Math.round((seconds[i]! / 60) * 10) / 10 }));
}
