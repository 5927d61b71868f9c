package io.runvault.promotion;

import io.runvault.models.TransitionView;
import io.runvault.runs.Lineage;
import java.util.List;
import java.util.Map;

/** Renders a {@link ModelCard} as Markdown; every value from users is escaped so it cannot change the layout. */
final class ModelCardMarkdown {

    private ModelCardMarkdown() {
    }

    static String render(ModelCard card) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(text(card.model())).append(" version ").append(card.version()).append("\n\n");
        if (!card.description().isEmpty()) {
            md.append(text(card.description())).append("\n\n");
        }
        md.append("| | |\n|---|---|\n");
        row(md, "Stage", card.stage());
        row(md, "Owner", card.owner());
        row(md, "Registered", card.registeredAt() + " by " + card.registeredBy());
        row(md, "Model file", card.file().path() + " (" + card.file().size() + " bytes)");
        row(md, "File digest", card.file().digest());
        md.append('\n');

        md.append("## Lineage\n\n| | |\n|---|---|\n");
        row(md, "Run", card.runName() + " (" + card.runId() + ")");
        row(md, "Experiment", card.experiment());
        row(md, "Committed by", card.runCommittedBy());
        Lineage lineage = card.lineage();
        row(md, "Dataset", join(lineage.datasetName(), lineage.datasetDigest()));
        row(md, "Code", lineage.codeVersion());
        row(md, "Environment", lineage.environmentDigest());
        row(md, "Parent runs", lineage.parents().isEmpty() ? null : String.join(", ", lineage.parents()));
        md.append('\n');

        table(md, "Parameters", card.params());
        table(md, "Metrics", card.metrics());
        table(md, "Tags", card.tags());

        md.append("## Promotions\n\n");
        if (card.promotions().isEmpty()) {
            md.append("None requested.\n\n");
        }
        for (PromotionView request : card.promotions()) {
            md.append("### To ").append(text(request.targetStage())).append(": ").append(text(request.status()))
                    .append("\n\nRequested by ").append(text(request.requestedBy())).append(" at ")
                    .append(request.createdAt()).append(": ").append(text(request.reason())).append("\n\n");
            if (request.decidedBy() != null) {
                md.append("Decided by ").append(text(request.decidedBy())).append(" at ").append(request.decidedAt());
                if (request.decisionReason() != null) {
                    md.append(": ").append(text(request.decisionReason()));
                }
                md.append("\n\n");
            }
            if (!request.evidence().isEmpty()) {
                md.append("| Gate | Expected | Actual | Result |\n|---|---|---|---|\n");
                for (GateResult gate : request.evidence()) {
                    md.append("| ").append(cell(gate.gate())).append(" | ").append(cell(gate.expected())).append(" | ")
                            .append(cell(gate.actual())).append(" | ").append(gate.passed() ? "pass" : "**fail**").append(" |\n");
                }
                md.append('\n');
            }
        }

        md.append("## Approvals\n\n");
        if (card.approvals().isEmpty()) {
            md.append("None.\n\n");
        }
        for (ModelCard.Approval approval : card.approvals()) {
            md.append("- ").append(text(approval.approvedBy())).append(" approved request ").append(approval.requestId())
                    .append(" (requested by ").append(text(approval.requestedBy())).append(") at ")
                    .append(approval.approvedAt()).append('\n');
        }
        if (!card.approvals().isEmpty()) {
            md.append('\n');
        }

        md.append("## Stage history\n\n| When | From | To | By | Reason |\n|---|---|---|---|---|\n");
        for (TransitionView step : card.history()) {
            md.append("| ").append(step.at()).append(" | ").append(cell(step.from() == null ? "" : step.from()))
                    .append(" | ").append(cell(step.to())).append(" | ").append(cell(step.actor())).append(" | ")
                    .append(cell(step.reason())).append(" |\n");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String title, Map<String, ?> values) {
        md.append("## ").append(title).append("\n\n");
        if (values.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        md.append("| Name | Value |\n|---|---|\n");
        values.forEach((key, value) -> md.append("| ").append(cell(key)).append(" | ").append(cell(String.valueOf(value))).append(" |\n"));
        md.append('\n');
    }

    private static void row(StringBuilder md, String label, String value) {
        if (value != null) {
            md.append("| ").append(label).append(" | ").append(cell(value)).append(" |\n");
        }
    }

    private static String join(String name, String digest) {
        if (name == null) {
            return digest;
        }
        return digest == null ? name : name + " (" + digest + ")";
    }

    /** Inside a table cell: no line breaks and no pipes, plus the escaping of running text. */
    static String cell(String value) {
        return text(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /** Backslash-escapes Markdown's punctuation and neutralises HTML, so user text stays text. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '!', '~', '>' -> out.append('\\').append(c);
                case '<' -> out.append("&lt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

}
