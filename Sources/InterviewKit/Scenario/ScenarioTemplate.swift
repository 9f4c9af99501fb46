/// The commented starting point `mlsd scenarios new ID` writes; it validates as it is.
public enum ScenarioTemplate {
    public static func text(id: String) -> String {
        var stages = ""
        for k in StageKind.allCases {
            let p = k.rawValue
            stages += """
              \(p):
                share: \(k.defaultShare)
                prompt: "What the interviewer says to open the \(k.title.lowercased()) stage."
                checklist:
                  - id: \(p)-point-one
                    point: A point a strong answer makes
                    signals: [a phrase that shows it, a synonym, ABBR]
                    answer: One sentence a strong candidate might say.
                follow_ups:
                  - id: \(p)-probe
                    ask: "A question asked when the point above is still missing at 60 % of the stage?"
                    when: {at: 0.6, missing: [\(p)-point-one]}
                hints:
                  - A nudge in the right direction.
                  - A near-answer.

            """
        }
        return """
        # yaml-language-server: $schema=./schema.json
        # A new mlsd case. Replace every placeholder, then check it with
        #   mlsd scenarios validate THIS_FILE
        # The guide: Scenarios/README.md (signals, triggers, rubric, pitfalls).
        id: \(id)
        title: "A short title"
        summary: "One line shown on the home screen."
        minutes: 45
        levels: [mid, senior, staff]
        problem: |
          What the interviewer opens with. Leave some things unsaid on purpose, so that
          the candidate has something to clarify.

        # What the interviewer answers when asked (F6). The fact whose `asks` phrases
        # best match the question answers it.
        facts:
          - id: scale
            topic: Scale
            asks: [how many users, daily active, DAU, QPS, traffic]
            answer: "Give numbers: users, requests per second, items."

        # The seven stages, by name. Shares are percent of the interview and add up to 100.
        stages:
        \(stages)
        rubric:
          - id: problem-navigation
            title: Problem navigation
            stages: [clarify, frame]
            very_weak: What a very weak answer looks like in this case.
            weak: What a weak answer looks like.
            strong: What a strong answer looks like.
            very_strong: What a very strong answer looks like.

        pitfalls:
          - id: example-pitfall
            text: A mistake typical of this case, said the way the report should say it.
            when: {mention: [a phrase that reveals the mistake]}

        reference_architecture: |
          [client] --> [service] --> [model]
        """
    }
}
