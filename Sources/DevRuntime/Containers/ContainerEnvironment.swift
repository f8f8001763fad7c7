import Foundation
import KubeKit

/// A container's environment and command line as Kubernetes builds them: `envFrom` first, then
/// `env` in order (later entries win, and may refer to earlier ones as `$(NAME)`); values from
/// the Pod's fields, Secrets and ConfigMaps; then `$(NAME)` expanded in `command` and `args`.
struct ContainerEnvironment {
    let client: KubeClient
    let pod: Pod
    let podIP: String
    let hostIP: String

    /// The variables of `container`, by name. Errors name the variable and object, never a value.
    func variables(for container: Container) async throws -> [String: String] {
        var result: [String: String] = [:]
        var secrets: [String: Secret?] = [:]
        var configMaps: [String: ConfigMap?] = [:]
        for source in container.envFrom ?? [] {
            let prefix = source.prefix ?? ""
            if let reference = source.configMapRef {
                guard let configMap = try await configMap(reference.name, cache: &configMaps) else {
                    if reference.optional == true { continue }
                    throw DevRuntimeError(.containerConfig, "configmap \"\(reference.name)\" not found")
                }
                for (key, value) in configMap.data ?? [:] { result[prefix + key] = value }
            }
            if let reference = source.secretRef {
                guard let secret = try await secret(reference.name, cache: &secrets) else {
                    if reference.optional == true { continue }
                    throw DevRuntimeError(.containerConfig, "secret \"\(reference.name)\" not found")
                }
                for (key, value) in secret.data ?? [:] { result[prefix + key] = String(decoding: value, as: UTF8.self) }
            }
        }
        for variable in container.env ?? [] {
            if let value = variable.value {
                result[variable.name] = Self.expand(value, with: result)
                continue
            }
            guard let source = variable.valueFrom else {
                result[variable.name] = ""
                continue
            }
            if let field = source.fieldRef {
                result[variable.name] = try PodFields(pod: pod, podIP: podIP, hostIP: hostIP).value(of: field.fieldPath)
            } else if let selector = source.secretKeyRef {
                guard let data = try await secret(selector.name, cache: &secrets)?.data?[selector.key] else {
                    if selector.optional == true { continue }
                    throw DevRuntimeError(.containerConfig, "env \(variable.name): secret \"\(selector.name)\" or its key \"\(selector.key)\" not found")
                }
                result[variable.name] = String(decoding: data, as: UTF8.self)
            } else if let selector = source.configMapKeyRef {
                guard let value = try await configMap(selector.name, cache: &configMaps)?.data?[selector.key] else {
                    if selector.optional == true { continue }
                    throw DevRuntimeError(.containerConfig, "env \(variable.name): configmap \"\(selector.name)\" or its key \"\(selector.key)\" not found")
                }
                result[variable.name] = value
            } else {
                throw DevRuntimeError(.containerConfig, "env \(variable.name): only fieldRef, secretKeyRef and configMapKeyRef are supported")
            }
        }
        return result
    }

    private func secret(_ name: String, cache: inout [String: Secret?]) async throws -> Secret? {
        if let cached = cache[name] { return cached }
        let secret = try await fetch { try await client.get(Secret.self, name: name, namespace: pod.metadata.namespace) }
        cache[name] = .some(secret)
        return secret
    }

    private func configMap(_ name: String, cache: inout [String: ConfigMap?]) async throws -> ConfigMap? {
        if let cached = cache[name] { return cached }
        let configMap = try await fetch { try await client.get(ConfigMap.self, name: name, namespace: pod.metadata.namespace) }
        cache[name] = .some(configMap)
        return configMap
    }

    private func fetch<T>(_ get: () async throws -> T) async throws -> T? {
        do {
            return try await get()
        } catch let error as KubeError where error.code == .notFound {
            return nil
        }
    }

    /// Kubernetes' `$(NAME)` expansion: a known name is replaced by its value, an unknown
    /// reference stays as written, and `$$` is a literal `$`.
    static func expand(_ text: String, with variables: [String: String]) -> String {
        guard text.contains("$") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            guard character == "$", next < text.endIndex else {
                result.append(character)
                index = next
                continue
            }
            if text[next] == "$" {
                result.append("$")
                index = text.index(after: next)
            } else if text[next] == "(", let close = text[next...].firstIndex(of: ")") {
                let name = String(text[text.index(after: next)..<close])
                result += variables[name] ?? "$(\(name))"
                index = text.index(after: close)
            } else {
                result.append(character)
                index = next
            }
        }
        return result
    }
}
