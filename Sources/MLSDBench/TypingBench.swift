func typingBenchmarks() throws -> [Figure] { [] }
