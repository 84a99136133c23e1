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
            throw VerifierError(
                .inputTooLarge, "\(path) is \(status.st_size) bytes, over the limit of \(limit) (--max-bytes)")
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
    /// never sees half a file. The temporary file is created exclusively (`mkstemp`: a fresh
    /// random name, `O_CREAT|O_EXCL`), so a symlink planted beside the target is never followed;
    /// a target that is itself a symlink is refused. A new file gets mode 0644; a replaced file keeps
    /// its mode.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(VerifierError) {
        let url = URL(fileURLWithPath: path)
        var existing = stat()
        let exists = lstat(path, &existing) == 0
        if exists && (existing.st_mode & S_IFMT) == S_IFLNK {
            throw VerifierError(
                .unreadableInput,
                "\(path) is a symbolic link: refusing to replace it (write to the real file instead)")
        }
        let folder = url.deletingLastPathComponent().path
        let pattern = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).XXXXXX")
        var template = Array(pattern.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw VerifierError(.unreadableInput, "\(path) could not be written: \(String(cString: strerror(errno)))")
        }
        let temp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        func fail(_ what: String) -> VerifierError {
            let message = String(cString: strerror(errno))
            close(fd)
            unlink(temp)
            return VerifierError(.unreadableInput, "\(path) \(what): \(message)")
        }
        let mode = exists ? existing.st_mode & 0o7777 : 0o644
        guard fchmod(fd, mode) == 0 else { throw fail("could not be written") }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw fail("could not be written") }
            offset += n
        }
        guard fsync(fd) == 0 else { throw fail("could not be written") }
        close(fd)
        if rename(temp, path) != 0 {
            let message = String(cString: strerror(errno))
            unlink(temp)
            throw VerifierError(.unreadableInput, "\(path) could not be replaced: \(message)")
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
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted {
                $0.utf8.lexicographicallyPrecedes($1.utf8)
            }
        } catch {
            throw VerifierError(.unreadableInput, "\(path): the folder cannot be listed")
        }
    }
}
