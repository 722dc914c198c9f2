# ruff: noqa: E501  (a table of the templates' words: one entry a line reads better than wrapped)
"""Write the templates of File ▸ New from Template into resources/templates/.

    python docs/make_templates.py

Each template is an ordinary `.driver` file written by the app's own `save`, so its bytes
are what the app writes (a test checks). Each fills the mentoring parts too — measures,
people on the board of advisors, milestones and homework, a mentoring compact — with
placeholders in [square brackets] for what only the mentee can say.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from driverdiagram.model import Diagram, save  # noqa: E402
from driverdiagram.model.schema import (  # noqa: E402
    Measure,
    MeasureType,
    Milestone,
    MilestoneKind,
    NodeKind,
    Person,
    PersonRole,
)

# (primary, [(secondary, [change ideas])]); a barrier is (under which text, text, strength, countered by which idea)
Tree = list[tuple[str, list[tuple[str, list[str]]]]]

TEMPLATES: list[dict] = [
    {
        "file": "academic-career.driver",
        "title": "My 3–5 year academic career plan",
        "horizon": "[2027–2031]",
        "aim": "Promoted to [Associate Professor] at [institution] by [June 2031], with [20] first- or "
        "senior-author papers and an independent research program in [field]",
        "aim_description": "What: promotion on the [track]. How much: [20] first- or senior-author papers and "
        "[a funded grant as PI]. For whom: me. By when: the [2031] promotion round (dossier due [month year]).",
        "tree": [
            (
                "Research productivity",
                [
                    ("A steady writing habit", ["Block two mornings a week for writing", "Join a writing group"]),
                    ("Funding as PI", ["Submit a career-development award by [date]", "Mock study section first"]),
                ],
            ),
            (
                "Visibility and network",
                [
                    ("Known beyond my department", ["Present at [national meeting] each year"]),
                    ("A sponsor who says my name", ["Ask my mentor to introduce me to [sponsor]"]),
                ],
            ),
            (
                "Teaching and service that count",
                [("Service that serves my goal", ["Say yes to one committee a year, no to the rest"])],
            ),
            (
                "Work–life balance and health",
                [("Evenings and weekends kept", ["No e-mail after [7 pm]", "Exercise three times a week"])],
            ),
        ],
        "barriers": [
            (
                "Research productivity",
                "Clinical load leaves no protected time",
                4,
                "Block two mornings a week for writing",
            ),
            ("Visibility and network", "I do not ask for help", 3, "Ask my mentor to introduce me to [sponsor]"),
        ],
        "measures": [
            (
                "Research productivity",
                "Manuscripts submitted per year",
                MeasureType.PROCESS,
                "First- or senior-author, to peer-reviewed journals",
            ),
            (
                "Visibility and network",
                "Invited talks outside my institution per year",
                MeasureType.PROCESS,
                "Talks, panels and grand rounds",
            ),
            (
                "Teaching and service that count",
                "Committee hours per month",
                MeasureType.BALANCING,
                "From my calendar; keep under [8]",
            ),
            (
                "Work–life balance and health",
                "Days of leave taken per year",
                MeasureType.BALANCING,
                "Of [25] days allowed",
            ),
            (
                "Promoted to",
                "First- or senior-author papers (total)",
                MeasureType.OUTCOME,
                "Papers accepted, counted on acceptance",
            ),
            (
                "A steady writing habit",
                "Protected writing hours per week",
                MeasureType.PROCESS,
                "Hours in the calendar and kept",
            ),
            ("Evenings and weekends kept", "Evenings without work e-mail per week", MeasureType.BALANCING, "Out of 5"),
        ],
        "people": [
            ("[Your career mentor]", PersonRole.CAREER_MENTOR, ["*"]),
            ("[Your research mentor]", PersonRole.RESEARCH_MENTOR, ["*"]),
            ("[A sponsor]", PersonRole.SPONSOR, ["Visibility and network"]),
        ],
        "milestones": [
            ("Specific aims page reviewed by my mentor", MilestoneKind.MILESTONE, "Funding as PI"),
            ("Draft my promotion timeline with the chair", MilestoneKind.HOMEWORK, "Promoted to"),
        ],
    },
    {
        "file": "clinician-educator.driver",
        "title": "Clinician-educator career plan",
        "horizon": "[2027–2030]",
        "aim": "Recognised as an education leader: [program director / associate dean] by [June 2030], "
        "promoted on the clinician-educator track with [5] peer-reviewed education outputs",
        "aim_description": "What: a leadership role in education and promotion. How much: [n] peer-reviewed "
        "education outputs and a teaching portfolio. For whom: me and my learners. By when: [date].",
        "tree": [
            (
                "Teaching excellence",
                [
                    ("Learners say my teaching helps", ["Ask for feedback after every rotation"]),
                    ("Teaching grounded in evidence", ["Complete a certificate in medical education"]),
                ],
            ),
            (
                "Scholarship in education",
                [("Teaching turned into papers", ["Write up the new curriculum as an innovation report"])],
            ),
            (
                "Leadership roles",
                [
                    (
                        "A track record of leading",
                        ["Lead one curriculum committee project", "Shadow the program director"],
                    )
                ],
            ),
            (
                "A teaching portfolio",
                [("Evidence kept as it happens", ["Update the portfolio at the end of each month"])],
            ),
            (
                "Work–life balance",
                [("Time off that stays off", ["Plan leave a year ahead", "No teaching prep on Sundays"])],
            ),
        ],
        "barriers": [
            (
                "Scholarship in education",
                "No time or support for education research",
                3,
                "Write up the new curriculum as an innovation report",
            ),
        ],
        "measures": [
            (
                "Teaching excellence",
                "Teaching sessions with feedback collected (%)",
                MeasureType.PROCESS,
                "Sessions with learner feedback ÷ sessions taught",
            ),
            (
                "Scholarship in education",
                "Education manuscripts or workshops submitted per year",
                MeasureType.PROCESS,
                "Submitted, accepted or not",
            ),
            (
                "Leadership roles",
                "Leadership projects completed",
                MeasureType.PROCESS,
                "Projects with a written outcome",
            ),
            ("A teaching portfolio", "Months the portfolio was updated", MeasureType.PROCESS, "Out of 12"),
            ("Work–life balance", "Weekends without work per month", MeasureType.BALANCING, "Out of 4"),
            (
                "Recognised as",
                "Peer-reviewed education outputs (total)",
                MeasureType.OUTCOME,
                "Papers, curricula in MedEdPORTAL, workshops accepted",
            ),
            (
                "Learners say my teaching helps",
                "Mean learner rating of my teaching",
                MeasureType.PROCESS,
                "1–5 scale, each rotation",
            ),
            (
                "A track record of leading",
                "Hours a week on leadership tasks",
                MeasureType.BALANCING,
                "So that clinical work and rest keep their share",
            ),
        ],
        "people": [
            ("[Your career mentor]", PersonRole.CAREER_MENTOR, ["*"]),
            ("[An education scholar]", PersonRole.RESEARCH_MENTOR, ["*"]),
            ("[A peer in the teaching academy]", PersonRole.PEER_MENTOR, ["Teaching excellence"]),
        ],
        "milestones": [
            ("Teaching portfolio reviewed by my mentor", MilestoneKind.MILESTONE, "A teaching portfolio"),
            (
                "Find the education journal for the curriculum paper",
                MilestoneKind.HOMEWORK,
                "Teaching turned into papers",
            ),
        ],
    },
    {
        "file": "work-life-balance.driver",
        "title": "Work–life balance improvement project",
        "horizon": "[12 months]",
        "aim": "Work no more than [50] hours a week and keep [two] evenings and one weekend day a week free "
        "of work by [June 2028]",
        "aim_description": "What: fewer hours and protected time at home. How much: [50] hours a week, counted "
        "from my calendar. For whom: me and my family. By when: [June 2028].",
        "tree": [
            (
                "Control of my schedule",
                [
                    ("Clinical template that fits", ["Renegotiate my clinical sessions with the chief"]),
                    ("Meetings that earn their place", ["Decline meetings without an agenda"]),
                ],
            ),
            (
                "Efficient documentation",
                [("Notes done in clinic", ["Use templates and dictation", "Close notes before leaving"])],
            ),
            (
                "Boundaries at home",
                [("Protected evenings", ["Phone off at [7 pm]", "Plan the week on a shared calendar on Sunday"])],
            ),
            ("Rest and health", [("Sleep and exercise", ["Seven hours in bed on work nights", "Walk at lunch"])]),
        ],
        "barriers": [
            ("Efficient documentation", "Inbox messages arrive all evening", 4, "Close notes before leaving"),
            ("Control of my schedule", "Guilt at saying no", 3, "Decline meetings without an agenda"),
        ],
        "measures": [
            (
                "Control of my schedule",
                "Meetings declined or shortened per week",
                MeasureType.PROCESS,
                "From my calendar",
            ),
            (
                "Efficient documentation",
                "Minutes of EHR work after 7 pm per week",
                MeasureType.PROCESS,
                "From the EHR audit log",
            ),
            (
                "Boundaries at home",
                "Sundays planned on the shared calendar (%)",
                MeasureType.PROCESS,
                "Out of the month",
            ),
            ("Rest and health", "Nights with seven hours in bed per week", MeasureType.PROCESS, "From my sleep diary"),
            ("Work no more", "Hours worked per week", MeasureType.OUTCOME, "From my calendar and the EHR log"),
            ("Notes done in clinic", "Notes still open at 6 pm", MeasureType.PROCESS, "Counted each clinic day"),
            (
                "Protected evenings",
                "Patients seen per clinic session",
                MeasureType.BALANCING,
                "So that fewer hours do not mean fewer patients seen",
            ),
        ],
        "people": [
            ("[Your mentor]", PersonRole.CAREER_MENTOR, ["*"]),
            ("[A coach]", PersonRole.COACH, ["*"]),
            ("[Partner or family]", PersonRole.FAMILY, ["Boundaries at home", "Rest and health"]),
        ],
        "milestones": [
            ("New clinical template agreed", MilestoneKind.MILESTONE, "Clinical template that fits"),
            ("Log my hours for two weeks as a baseline", MilestoneKind.HOMEWORK, "Work no more"),
        ],
    },
    {
        "file": "research-fellowship.driver",
        "title": "Research fellowship plan",
        "horizon": "[2027–2029]",
        "aim": "Finish the fellowship with [two] first-author papers, a funded pilot, and a faculty position "
        "in [field] by [July 2029]",
        "aim_description": "What: a launch into an independent research career. How much: [two] first-author "
        "papers and a funded pilot grant. For whom: me. By when: the end of the fellowship, [July 2029].",
        "tree": [
            (
                "Research skills",
                [
                    ("Methods I can use alone", ["Take the biostatistics course", "Analyse one dataset end to end"]),
                    ("Writing that gets published", ["Draft with my mentor's feedback every two weeks"]),
                ],
            ),
            (
                "A project of my own",
                [("A question and data to answer it", ["Agree the project and data access by month 3"])],
            ),
            (
                "Funding",
                [("A first grant", ["Apply for the departmental pilot award", "Write an F32 or equivalent"])],
            ),
            (
                "The next job",
                [("A network that knows my work", ["Present at [conference] in year 2", "Meet two chairs"])],
            ),
            ("Well-being", [("Sleep and time with family", ["Keep Saturdays free of research work"])]),
        ],
        "barriers": [
            ("A project of my own", "Data access takes months", 4, "Agree the project and data access by month 3"),
        ],
        "measures": [
            ("Research skills", "Analyses done without help", MeasureType.PROCESS, "Counted by my mentor each quarter"),
            (
                "A project of my own",
                "Project milestones met on time (%)",
                MeasureType.PROCESS,
                "Of those in the project plan",
            ),
            ("Funding", "Grant applications submitted", MeasureType.PROCESS, "Internal and external"),
            (
                "The next job",
                "Conversations about faculty positions",
                MeasureType.PROCESS,
                "With chairs or division chiefs",
            ),
            ("Well-being", "Saturdays free of research work per month", MeasureType.BALANCING, "Out of 4"),
            (
                "Finish the fellowship",
                "First-author papers submitted",
                MeasureType.OUTCOME,
                "Submitted to a peer-reviewed journal",
            ),
            (
                "Writing that gets published",
                "Pages drafted per month",
                MeasureType.PROCESS,
                "Manuscript pages, any project",
            ),
            ("Methods I can use alone", "Clinical sessions missed for courses", MeasureType.BALANCING, "Per month"),
        ],
        "people": [
            ("[Your research mentor]", PersonRole.RESEARCH_MENTOR, ["*"]),
            ("[A statistician]", PersonRole.OTHER, ["Research skills"]),
            ("[Your program director]", PersonRole.SPONSOR, ["*"]),
        ],
        "milestones": [
            ("Project and data access agreed", MilestoneKind.MILESTONE, "A question and data to answer it"),
            ("Read three recent papers from the target journal", MilestoneKind.HOMEWORK, "Writing that gets published"),
        ],
    },
    {
        "file": "qi-sepsis.driver",
        "title": "Quality improvement: antibiotics within an hour for sepsis",
        "horizon": "[12 months]",
        "aim": "[90%] of adults with suspected sepsis in the emergency department get antibiotics within one hour "
        "of arrival by [March 2028]",
        "aim_description": "What: time to antibiotics. How much: [90%] within one hour (baseline [55%]). "
        "For whom: adults with suspected sepsis in our emergency department. By when: [March 2028].",
        "tree": [
            (
                "Early recognition",
                [
                    ("Screening at triage", ["Add a sepsis screen to the triage form", "Triage nurse education"]),
                    ("Warning scores acted on", ["Automatic alert at a NEWS2 of 5 or more"]),
                ],
            ),
            (
                "Rapid treatment",
                [
                    ("Antibiotics at hand", ["Sepsis grab bags in resus", "Antibiotics stocked in the department"]),
                    ("Clear responsibility", ["A named sepsis nurse each shift"]),
                ],
            ),
            (
                "Reliable teamwork",
                [
                    ("Shared plan at handover", ["Sepsis on the huddle checklist"]),
                    ("Staff well-being on busy shifts", ["A short debrief after each sepsis case"]),
                ],
            ),
        ],
        "barriers": [
            ("Rapid treatment", "Crowding delays assessment", 4, "A named sepsis nurse each shift"),
        ],
        "measures": [
            (
                "Staff well-being",
                "Staff who felt supported after a sepsis case (%)",
                MeasureType.BALANCING,
                "Two-question pulse survey after each debrief",
            ),
            (
                "Early recognition",
                "Time from arrival to sepsis screen (median minutes)",
                MeasureType.PROCESS,
                "Weekly median, adults screened",
            ),
            (
                "Rapid treatment",
                "Time from screen to antibiotics (median minutes)",
                MeasureType.PROCESS,
                "Weekly median",
            ),
            (
                "Reliable teamwork",
                "Huddles that reviewed sepsis patients (%)",
                MeasureType.PROCESS,
                "Huddles with sepsis on the checklist ÷ huddles",
            ),
            (
                "[90%] of adults",
                "Patients with suspected sepsis given antibiotics within 1 hour (%)",
                MeasureType.OUTCOME,
                "Numerator: antibiotics ≤ 60 min of arrival; denominator: patients meeting the screen",
            ),
            (
                "Screening at triage",
                "Patients screened at triage (%)",
                MeasureType.PROCESS,
                "Screens completed ÷ adult arrivals",
            ),
            (
                "Antibiotics at hand",
                "Antibiotics given to patients without sepsis (%)",
                MeasureType.BALANCING,
                "Reviewed weekly",
            ),
        ],
        "people": [
            ("[Your QI coach]", PersonRole.COACH, ["*"]),
            ("[The ED nurse manager]", PersonRole.SPONSOR, ["*"]),
        ],
        "milestones": [
            ("First PDSA cycle of the triage screen", MilestoneKind.MILESTONE, "Screening at triage"),
            ("Collect 20 baseline times from the EHR", MilestoneKind.HOMEWORK, "[90%] of adults"),
        ],
    },
]

COMPACT = {
    "mentor": "",
    "mentee": "",
    "meeting_schedule": "[Monthly], [45 minutes], [in person or video]; the mentee books the next meeting at the end "
    "of each one.",
    "communication": "E-mail for scheduling; the mentee sends the updated diagram (PDF) two days before we meet.",
    "goals": "",
    "expectations": [
        "The mentee sets the agenda and brings the diagram up to date before each meeting.",
        "The mentor gives honest feedback and says where the gaps are.",
        "What we discuss stays between us unless we agree otherwise.",
        "We review this compact every six months.",
    ],
    "ending": "Either of us may end the mentoring relationship with a conversation, no fault assumed.",
}


def build(spec: dict) -> Diagram:
    d = Diagram.new(spec["aim"], outcome_id="aim", title=spec["title"], horizon=spec["horizon"])
    d.edit_node("aim", description=spec["aim_description"])
    by_text = {spec["aim"]: "aim"}
    counter = {"p": 0, "s": 0, "c": 0, "b": 0}

    def next_id(kind: str) -> str:
        counter[kind] += 1
        return f"{kind}{counter[kind]}"

    for primary, secondaries in spec["tree"]:
        p = d.add_node("primary", primary, parent="aim", id=next_id("p"))
        by_text[primary] = p.id
        for secondary, ideas in secondaries:
            s = d.add_node("secondary", secondary, parent=p.id, id=next_id("s"))
            by_text[secondary] = s.id
            for idea in ideas:
                by_text[idea] = d.add_node("change_idea", idea, parent=s.id, id=next_id("c")).id
    for target, text, strength, countered_by in spec["barriers"]:
        b = d.add_node("anti_driver", text, parent=by_text[target], strength=strength, id=next_id("b"))
        d.connect(by_text[countered_by], b.id)

    def node(text_start: str) -> str:
        return next(v for k, v in by_text.items() if k.startswith(text_start))

    for i, (on, name, kind, definition) in enumerate(spec["measures"], 1):
        d.add_item(
            "measures", Measure(id=f"m{i}", node_id=node(on), name=name, type=kind, operational_definition=definition)
        )
    primaries = [p.id for p in d.nodes(NodeKind.PRIMARY)]
    for i, (name, role, helps) in enumerate(spec["people"], 1):
        ids = primaries if helps == ["*"] else [node(h) for h in helps]
        d.add_item("people", Person(id=f"person{i}", name=name, role=role, helps_with=ids))
    for i, (title, kind, on) in enumerate(spec["milestones"], 1):
        d.add_item("milestones", Milestone(id=f"ms{i}", title=title, kind=kind, node_id=node(on)))
    d.set_compact(**COMPACT)
    return d


def main() -> None:
    folder = ROOT / "resources" / "templates"
    folder.mkdir(exist_ok=True)
    for spec in TEMPLATES:
        save(build(spec), folder / spec["file"])
        print(f"wrote {folder / spec['file']}")


if __name__ == "__main__":
    main()
