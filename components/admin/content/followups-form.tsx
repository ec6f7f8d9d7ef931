"use client";

import { useDraft } from "./draft";
import { ListField, Row, Section, SelectField, TextArea, TextField } from "./fields";
import type { FormSection } from "./sections";

export const FOLLOWUPS_SECTIONS: FormSection[] = [
  { id: "about", title: "About", paths: [["kind"], ["slug"], ["title"]] },
  { id: "questions", title: "Questions", paths: [["questions"]] },
];

export function FollowupsForm({ isNew }: { isNew: boolean }) {
  const { dimensions } = useDraft();
  const dimensionOptions = dimensions.map((d) => ({ value: d.key, label: `${d.title} (${d.key})` }));
  return (
    <div className="space-y-6">
      <Section id="about" title="About" description="Generic topics any interview can draw on once a prompt's own probes run out." problemPaths={FOLLOWUPS_SECTIONS[0]!.paths}>
        <Row>
          <TextField path={["title"]} label="Title" />
          <TextField path={["slug"]} label="Slug" mono readOnly={!isNew} />
        </Row>
      </Section>
      <Section id="questions" title="Questions" problemPaths={FOLLOWUPS_SECTIONS[1]!.paths}>
        <ListField
          path={["questions"]}
          label="Questions"
          addLabel="Add question"
          hint="At least 3."
          itemTitle={(item) => String(item.question ?? item.key ?? "")}
          newItem={() => ({ key: "", question: "", lookFor: "", dimension: "" })}
          renderItem={(p) => (
            <>
              <Row>
                <TextField path={[...p, "key"]} label="Key" mono />
                <SelectField path={[...p, "dimension"]} label="Rubric dimension" options={dimensionOptions} />
              </Row>
              <TextArea path={[...p, "question"]} label="Question" rows={2} />
              <TextArea path={[...p, "lookFor"]} label="Look for" rows={3} />
            </>
          )}
        />
      </Section>
    </div>
  );
}
