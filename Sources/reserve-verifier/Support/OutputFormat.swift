import ArgumentParser

enum OutputFormat: String, CommandFormat {
    case text, json

    static var builtInDefault: OutputFormat { .text }
}
