import Foundation

extension TestTSA {
    /// A time-stamping authority over HTTP on 127.0.0.1, as RFC 3161 section 3.4 describes it: a
    /// small Python server that answers each `application/timestamp-query` POST with
    /// `openssl ts -reply` signed by this TSA. Stop it with ``Server/stop()``.
    public final class Server: @unchecked Sendable {
        public let url: String
        let process: Process

        init(url: String, process: Process) {
            self.url = url
            self.process = process
        }

        /// SIGKILL: the server inherits the test runner's signal mask, in which SIGTERM may be blocked.
        public func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        deinit { stop() }
    }

    static let serverScript = """
        import http.server, subprocess, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with open("request.tsq", "wb") as f:
                    f.write(query)
                done = subprocess.run(["openssl", "ts", "-reply", "-config", "tsa.cnf", "-queryfile", "request.tsq",
                                       "-out", "response.tsr"], capture_output=True)
                if done.returncode != 0 or self.headers.get("Content-Type") != "application/timestamp-query":
                    self.send_response(400)
                    self.end_headers()
                    return
                body = open("response.tsr", "rb").read()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()

        """

    /// Starts the TSA's HTTP server in `directory` (its files are written there).
    public func serve(in directory: URL) throws -> Server {
        guard let python = executableOnPath("python3") else { throw TestFailure("python3 is not on PATH") }
        try Data(Self.tsaConfig.utf8).write(to: directory.appendingPathComponent("tsa.cnf"))
        try Data("01\n".utf8).write(to: directory.appendingPathComponent("serial"))
        try Data(certificatePEM).write(to: directory.appendingPathComponent("tsa.pem"))
        try Data(keyPEM).write(to: directory.appendingPathComponent("tsa.key"))
        try Data(Self.serverScript.utf8).write(to: directory.appendingPathComponent("tsa_server.py"))
        let process = makeProcess(python, ["tsa_server.py"], in: directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is the port.
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw TestFailure("the test TSA server did not start")
        }
        return Server(url: "http://127.0.0.1:\(port)/tsa", process: process)
    }
}
