import Foundation

extension BootstrapPlan {
    /// Checks every value the renderer copies into paths, YAML, unit files or shell, so a bad one
    /// becomes an error naming its field instead of a machine that fails to boot.
    func validate() throws(UserDataError) {
        try validateInstall()
        for file in files { try file.validate() }
        try validateNodeRegistration()
        try proxy?.validate()
        for server in ntpServers where server.wholeMatch(of: /[A-Za-z0-9.:\[\]-]+/) == nil { throw .invalidNTPServer(server) }
        guard join.token.value.wholeMatch(of: /[a-z0-9]{6}\.[a-z0-9]{16}/) != nil else { throw .invalidJoinToken }
    }

    private func validateInstall() throws(UserDataError) {
        switch install {
        case .preinstalled:
            return
        case .download(let url, let sha256), .bundle(let url, let sha256):
            guard url.wholeMatch(of: /https?:\/\/[^\s'"\\`$]+/) != nil else { throw .invalidInstallURL }
            guard sha256.wholeMatch(of: /[0-9a-fA-F]{64}/) != nil else { throw .invalidInstallChecksum }
        }
    }

    private func validateNodeRegistration() throws(UserDataError) {
        for (key, value) in nodeLabels.sorted(by: { $0.key < $1.key })
        where !KubernetesSyntax.isLabelKey(key) || !KubernetesSyntax.isLabelValue(value) {
            throw .invalidNodeLabel(key)
        }
        for taint in taints {
            let validValue = taint.value.map(KubernetesSyntax.isLabelValue) ?? true
            let validEffect = ["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(taint.effect)
            guard KubernetesSyntax.isLabelKey(taint.key), validValue, validEffect else { throw .invalidTaint(taint.key) }
        }
        for (name, value) in sortedKubeletExtraArgs {
            let validName = name != "node-labels" && name.wholeMatch(of: /[a-z0-9][a-z0-9-]*/) != nil
            let validValue = !value.contains { $0.isWhitespace || "'\"\\".contains($0) }
            guard validName, validValue else { throw .invalidKubeletExtraArg(name) }
        }
    }
}

extension BootstrapPlan.File {
    fileprivate func validate() throws(UserDataError) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard path.hasPrefix("/"), !components.contains(".."), !path.contains(where: \.isNewline) else {
            throw .invalidFilePath(path)
        }
        if let permissions, permissions.wholeMatch(of: /[0-7]{3,4}/) == nil {
            throw .invalidFilePermissions(path: path, permissions: permissions)
        }
        if let owner, owner.wholeMatch(of: /[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?/) == nil {
            throw .invalidFileOwner(path: path, owner: owner)
        }
        _ = try decodedContent
    }

    /// The bytes `content` encodes: gzip-compressed ones for `.gzipBase64`. Line breaks inside
    /// base64 are ignored, as cloud-init ignores them.
    var decodedContent: [UInt8] {
        get throws(UserDataError) {
            if encoding == .plain { return Array(content.utf8) }
            guard let data = Data(base64Encoded: content, options: .ignoreUnknownCharacters) else {
                throw .invalidFileEncoding(path: path)
            }
            if encoding == .gzipBase64, !data.starts(with: [0x1f, 0x8b]) { throw .invalidFileEncoding(path: path) }
            return Array(data)
        }
    }
}

extension BootstrapPlan.Proxy {
    /// Proxy values are written unquoted into a file both `sh` and systemd read, so they may only
    /// hold characters of URLs and host lists that neither treats specially.
    fileprivate func validate() throws(UserDataError) {
        let fields: [(String, [String])] = [
            ("httpProxy", httpProxy.map { [$0] } ?? []), ("httpsProxy", httpsProxy.map { [$0] } ?? []), ("noProxy", noProxy),
        ]
        for (field, values) in fields where values.contains(where: { $0.wholeMatch(of: /[A-Za-z0-9._:\/?#\[\]@!%+=*-]+/) == nil }) {
            throw .invalidProxy(field)
        }
    }
}
