import Foundation
import ReserveCore
import ReserveIO
import TestSupport
import Testing

/// `Files.writeAtomically` (issue 11, class 6): the metrics file, trust.json and PEM files.
@Suite struct AtomicWriteTests {
    @Test func aSymlinkPlantedAtTheOldTemporaryNameIsNotFollowed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("precious", to: "victim.txt")
        // main wrote through `.NAME.PID.tmp`: a link planted there made it overwrite another file.
        try FileManager.default.createSymbolicLink(
            atPath: dir.path(".metrics.prom.\(getpid()).tmp"),
            withDestinationPath: dir.path("victim.txt"))
        try Files.writeAtomically(Array("metrics".utf8), to: dir.path("metrics.prom"))
        #expect(try dir.read("victim.txt") == Array("precious".utf8))
        #expect(try dir.read("metrics.prom") == Array("metrics".utf8))
        // Nothing else is left behind but the planted link.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
        #expect(names == [".metrics.prom.\(getpid()).tmp", "metrics.prom", "victim.txt"])
    }

    @Test func aSymlinkedTargetIsRefusedAndLeftAlone() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("precious", to: "victim.txt")
        try FileManager.default.createSymbolicLink(
            atPath: dir.path("trust.json"),
            withDestinationPath: dir.path("victim.txt"))
        #expect(throws: VerifierError.self) { try Files.writeAtomically(Array("x".utf8), to: dir.path("trust.json")) }
        do {
            try Files.writeAtomically(Array("x".utf8), to: dir.path("trust.json"))
        } catch {
            #expect(error.code == .unreadableInput)
            #expect(
                error.message
                    == "\(dir.path("trust.json")) is a symbolic link: refusing to replace it (write to the real file instead)"
            )
        }
        #expect(try dir.read("victim.txt") == Array("precious".utf8))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("trust.json"))
        #expect(link == dir.path("victim.txt"))
    }

    @Test func aReplacedFileKeepsItsModeAndANewOneIs0644() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("old", to: "kept.json")
        chmod(dir.path("kept.json"), 0o600)
        try Files.writeAtomically(Array("new".utf8), to: dir.path("kept.json"))
        try Files.writeAtomically(Array("new".utf8), to: dir.path("fresh.json"))
        func mode(_ name: String) -> mode_t {
            var s = stat()
            _ = stat(dir.path(name), &s)
            return s.st_mode & 0o777
        }
        #expect(mode("kept.json") == 0o600)
        #expect(mode("fresh.json") == 0o644)
        #expect(try dir.read("kept.json") == Array("new".utf8))
    }

    @Test func aFolderThatDoesNotExistIsAnErrorNamingThePath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        do {
            try Files.writeAtomically(Array("x".utf8), to: dir.path("missing/metrics.prom"))
            Issue.record("no error")
        } catch {
            #expect(error.code == .unreadableInput)
            #expect(error.message.hasPrefix(dir.path("missing/metrics.prom") + " could not be written"))
        }
    }
}
