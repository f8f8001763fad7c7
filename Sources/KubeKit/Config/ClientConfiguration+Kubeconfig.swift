import Foundation
import NIOSSL
import Yams

extension ClientConfiguration {
    /// The configuration of `context` (default: `current-context`) in the kubeconfig at `path`.
    /// Relative file paths inside it resolve against the file's directory, as in kubectl.
    public static func fromKubeconfig(path: String, context: String? = nil) throws -> ClientConfiguration {
        try fromKubeconfig(paths: [path], context: context)
    }

    /// The configuration of `context` in the merge of several kubeconfig files (a `KUBECONFIG`
    /// list): the first file that defines a name wins. Missing files in the list are skipped, as
    /// kubectl does, unless none exists.
    public static func fromKubeconfig(paths: [String], context: String? = nil) throws -> ClientConfiguration {
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        guard !existing.isEmpty else {
            throw KubeconfigError.unreadableFile(path: paths.joined(separator: ":"), reason: "no such file")
        }
        var configs: [Kubeconfig] = []
        var baseDirectories: [String: String] = [:]
        for path in existing {
            let config = try parseKubeconfig(text: readText(path), path: path)
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            for name in (config.clusters ?? []).map(\.name) + (config.users ?? []).map(\.name) {
                baseDirectories[name] = baseDirectories[name] ?? directory
            }
            configs.append(config)
        }
        return try resolve(Kubeconfig.merged(configs), context: context) { name in
            baseDirectories[name] ?? FileManager.default.currentDirectoryPath
        }
    }

    /// The configuration of `context` in a kubeconfig given as text (e.g. a `<cluster>-kubeconfig`
    /// Secret's `value`). Relative paths resolve against `baseDirectory`.
    public static func fromKubeconfig(
        yaml: String, context: String? = nil, baseDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> ClientConfiguration {
        try resolve(parseKubeconfig(text: yaml, path: "<inline>"), context: context) { _ in baseDirectory }
    }

    /// The configuration kubectl would use: the files in `KUBECONFIG`, else `~/.kube/config`,
    /// else the pod's service account when running in a cluster.
    public static func load(
        context: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ClientConfiguration {
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            return try fromKubeconfig(paths: list.split(separator: ":").map(String.init), context: context)
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let defaultPath = "\(home)/.kube/config"
        if FileManager.default.fileExists(atPath: defaultPath) || environment["KUBERNETES_SERVICE_HOST"] == nil {
            return try fromKubeconfig(path: defaultPath, context: context)
        }
        return try inCluster(environment: environment)
    }

    private static func parseKubeconfig(text: String, path: String) throws -> Kubeconfig {
        do {
            return try YAMLDecoder().decode(Kubeconfig.self, from: text)
        } catch {
            throw KubeconfigError.malformed(path: path, detail: describeDecodingError(error))
        }
    }

    private static func resolve(
        _ config: Kubeconfig, context requested: String?, baseDirectory: (String) -> String
    ) throws -> ClientConfiguration {
        guard let contextName = requested ?? config.currentContext, !contextName.isEmpty else {
            throw KubeconfigError.noCurrentContext
        }
        guard let context = config.contexts?.first(where: { $0.name == contextName })?.value else {
            throw KubeconfigError.contextNotFound(contextName)
        }
        let clusterName = context.cluster ?? ""
        guard let cluster = config.clusters?.first(where: { $0.name == clusterName })?.value else {
            throw KubeconfigError.clusterNotFound(cluster: clusterName, context: contextName)
        }
        let userName = context.user ?? ""
        let user: Kubeconfig.AuthInfo
        if userName.isEmpty {
            user = Kubeconfig.AuthInfo()
        } else if let found = config.users?.first(where: { $0.name == userName })?.value {
            user = found
        } else {
            throw KubeconfigError.userNotFound(user: userName, context: contextName)
        }
        let clusterDirectory = baseDirectory(clusterName)
        let userDirectory = baseDirectory(userName)

        guard let server = cluster.server, let url = URL(string: server),
            let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil
        else {
            throw KubeconfigError.invalidServer(cluster: clusterName, server: cluster.server)
        }
        if cluster.tlsServerName != nil {
            throw KubeconfigError.unsupported(field: "tls-server-name", owner: "cluster \"\(clusterName)\"")
        }
        if cluster.proxyURL != nil {
            throw KubeconfigError.unsupported(field: "proxy-url", owner: "cluster \"\(clusterName)\"")
        }
        let insecure = cluster.insecureSkipTLSVerify ?? false
        if insecure && !(cluster.certificateAuthorityData ?? cluster.certificateAuthority ?? "").isEmpty {
            throw KubeconfigError.caWithInsecureSkipVerify(cluster: clusterName)
        }
        let trustRoots = try certificateAuthority(cluster, name: clusterName, directory: clusterDirectory)

        if user.authProvider != nil {
            throw KubeconfigError.unsupported(field: "auth-provider (use an exec plugin)", owner: "user \"\(userName)\"")
        }
        if user.username != nil || user.password != nil {
            throw KubeconfigError.unsupported(field: "username/password (basic auth)", owner: "user \"\(userName)\"")
        }
        let identity = try clientIdentity(user, name: userName, directory: userDirectory)
        let credentials: Credentials
        if let token = user.token, !token.isEmpty {
            credentials = .bearerToken(Sensitive(token))
        } else if let tokenFile = user.tokenFile, !tokenFile.isEmpty {
            credentials = .tokenFile(path: absolute(tokenFile, in: userDirectory))
        } else if let exec = user.exec {
            credentials = .exec(
                try ExecCredentialConfig(exec, user: userName, directory: userDirectory, server: server, caData: cluster.certificateAuthorityData, insecure: insecure))
        } else {
            credentials = .none
        }
        return ClientConfiguration(
            server: server, trustRoots: trustRoots, insecureSkipTLSVerify: insecure, clientIdentity: identity,
            credentials: credentials, namespace: context.namespace)
    }

    private static func certificateAuthority(
        _ cluster: Kubeconfig.Cluster, name: String, directory: String
    ) throws -> [NIOSSLCertificate]? {
        let pem: [UInt8]
        if let data = cluster.certificateAuthorityData, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw KubeconfigError.invalidCertificateAuthority(cluster: name, detail: "certificate-authority-data is not base64")
            }
            pem = Array(decoded)
        } else if let file = cluster.certificateAuthority, !file.isEmpty {
            do {
                pem = try readBytes(absolute(file, in: directory))
            } catch let error as KubeconfigError {
                throw KubeconfigError.invalidCertificateAuthority(cluster: name, detail: "\(error)")
            }
        } else {
            return nil
        }
        do {
            let certificates = try NIOSSLCertificate.fromPEMBytes(pem)
            guard !certificates.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
            return certificates
        } catch {
            throw KubeconfigError.invalidCertificateAuthority(cluster: name, detail: "not a PEM certificate")
        }
    }

    private static func clientIdentity(_ user: Kubeconfig.AuthInfo, name: String, directory: String) throws -> ClientIdentity? {
        let certificate = try pemField(
            data: user.clientCertificateData, file: user.clientCertificate, dataField: "client-certificate-data",
            directory: directory) { KubeconfigError.invalidClientCertificate(user: name, detail: $0) }
        let key = try pemField(
            data: user.clientKeyData, file: user.clientKey, dataField: "client-key-data", directory: directory
        ) { KubeconfigError.invalidClientKey(user: name, detail: $0) }
        switch (certificate, key) {
        case (nil, nil):
            return nil
        case (.some, nil):
            throw KubeconfigError.invalidClientKey(user: name, detail: "a client certificate is set but no client key")
        case (nil, .some):
            throw KubeconfigError.invalidClientCertificate(user: name, detail: "a client key is set but no client certificate")
        case (.some(let certificate), .some(let key)):
            let chain: [NIOSSLCertificate]
            do {
                chain = try NIOSSLCertificate.fromPEMBytes(certificate)
                guard !chain.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
            } catch {
                throw KubeconfigError.invalidClientCertificate(user: name, detail: "not a PEM certificate")
            }
            do {
                return ClientIdentity(certificateChain: chain, privateKey: try NIOSSLPrivateKey(bytes: key, format: .pem))
            } catch {
                throw KubeconfigError.invalidClientKey(user: name, detail: "not a PEM private key")
            }
        }
    }

    private static func pemField(
        data: String?, file: String?, dataField: String, directory: String, error: (String) -> KubeconfigError
    ) throws -> [UInt8]? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw error("\(dataField) is not base64")
            }
            return Array(decoded)
        }
        if let file, !file.isEmpty {
            do {
                return try readBytes(absolute(file, in: directory))
            } catch let failure as KubeconfigError {
                throw error("\(failure)")
            }
        }
        return nil
    }
}

/// `path` made absolute against `directory` when relative.
func absolute(_ path: String, in directory: String) -> String {
    if path.hasPrefix("/") { return path }
    if path.hasPrefix("~/") { return NSHomeDirectory() + path.dropFirst() }
    return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
}

func readBytes(_ path: String) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw KubeconfigError.unreadableFile(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else {
        throw KubeconfigError.unreadableFile(path: path, reason: "is a directory")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw KubeconfigError.unreadableFile(path: path, reason: "permission denied")
    }
    return Array(data)
}

func readText(_ path: String) throws -> String {
    guard let text = String(bytes: try readBytes(path), encoding: .utf8) else {
        throw KubeconfigError.unreadableFile(path: path, reason: "not UTF-8 text")
    }
    return text
}

/// A short account of a decoding failure: the coding path and what was wrong, no values.
func describeDecodingError(_ error: any Error) -> String {
    func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "document" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case DecodingError.typeMismatch(let type, let context):
        return "\(path(context.codingPath)): expected \(type)"
    case DecodingError.valueNotFound(let type, let context):
        return "\(path(context.codingPath)): missing \(type)"
    case DecodingError.keyNotFound(let key, let context):
        return "\(path(context.codingPath + [key])): required field missing"
    case DecodingError.dataCorrupted(let context):
        return "\(path(context.codingPath)): \(context.debugDescription)"
    default:
        return String(describing: type(of: error))
    }
}
