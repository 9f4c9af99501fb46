/// The seven steps of the ML system design framework, in interview order.
public enum StageKind: String, CaseIterable, Codable, Sendable {
    case clarify, frame, data, model, evaluation, serving, monitoring

    /// The title shown in the header and the report.
    public var title: String {
        switch self {
        case .clarify: return "Clarify requirements"
        case .frame: return "Frame as an ML task"
        case .data: return "Data preparation"
        case .model: return "Model development"
        case .evaluation: return "Evaluation"
        case .serving: return "Deployment and serving"
        case .monitoring: return "Monitoring"
        }
    }

    /// A suggested share of the interview in percent (our synthesis of published timings).
    public var defaultShare: Int {
        switch self {
        case .clarify: return 12
        case .frame: return 12
        case .data: return 18
        case .model: return 22
        case .evaluation: return 14
        case .serving: return 12
        case .monitoring: return 10
        }
    }
}

/// Candidate levels; follow-ups and expectations may be limited to some of them.
public enum Level: String, CaseIterable, Codable, Sendable {
    case mid, senior, staff
}
