public enum MockUIPlaceholder {}
