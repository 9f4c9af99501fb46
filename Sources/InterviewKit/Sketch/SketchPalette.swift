/// Common parts of ML systems, to drop onto a sketch with one key.
public enum SketchPalette {
    public struct Part: Equatable, Sendable {
        public var label: String
        public var kind: BoxKind
    }

    public static let parts: [Part] = [
        Part(label: "feature store", kind: .store),
        Part(label: "model registry", kind: .store),
        Part(label: "training pipeline", kind: .service),
        Part(label: "candidate generation", kind: .service),
        Part(label: "ranker", kind: .model),
        Part(label: "ANN index", kind: .store),
        Part(label: "event stream", kind: .queue),
        Part(label: "data warehouse", kind: .store),
        Part(label: "A/B testing", kind: .service),
        Part(label: "monitoring", kind: .service),
    ]
}
