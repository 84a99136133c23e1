import Foundation
import ReserveCore

/// File reading and writing for the CLI: size-limited reads, atomic writes, folder walks.
public enum Files {
    /// Reads a whole file, refusing one larger than `limit` bytes before reading it.
    public static func read(_ path: String, limit: Int) throws(VerifierError) -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw VerifierError(.unreadableInput, "\(path): \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw VerifierError(.unreadableInput, "\(path) is not a regular file")
        }
        if Int(status.st_size) > limit {
            throw VerifierError(.inputTooLarge, "\(path) is \(status.st_size) bytes, over the limit of \(limit) (--max-bytes)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw VerifierError(.unreadableInput, "\(path) cannot be opened for reading")
        }
        defer { try? handle.close() }
        let data: Data?
        do {
            // Read at most one byte past the limit: a file that grew since stat() is still caught.
            data = try handle.read(upToCount: limit + 1)
        } catch {
            throw VerifierError(.unreadableInput, "\(path) could not be read: \(error.localizedDescription)")
        }
        let bytes = [UInt8](data ?? Data())
        if bytes.count > limit {
            throw VerifierError(.inputTooLarge, "\(path) grew past the limit of \(limit) bytes while being read")
        }
        return bytes
    }

    /// Writes through a temporary file in the same folder and renames it into place, so a reader
    /// never sees half a file.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(VerifierError) {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(bytes).write(to: temp)
            if rename(temp.path, url.path) != 0 {
                let message = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temp)
                throw VerifierError(.unreadableInput, "\(path) could not be replaced: \(message)")
            }
        } catch let error as VerifierError {
            throw error
        } catch {
            throw VerifierError(.unreadableInput, "\(path) could not be written: \(error.localizedDescription)")
        }
    }

    public static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Names in a folder, sorted by their UTF-8 bytes (locale independent).
    public static func list(_ path: String) throws(VerifierError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw VerifierError(.unreadableInput, "\(path): the folder cannot be listed")
        }
    }
}
