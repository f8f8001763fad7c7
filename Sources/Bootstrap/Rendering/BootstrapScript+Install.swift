extension BootstrapScript {
    /// Puts the node software on the `PATH`: checks it is there (preinstalled), or downloads,
    /// checks the SHA-256 of, and installs the binary, the Kubernetes node tarball or the bundle.
    var install: String {
        switch plan.install {
        case .preinstalled:
            return preinstalledCheck
        case .download(let url, let sha256):
            switch plan.flavor {
            case .k0s:
                return download(url, sha256, to: "k0s", describing: "the k0s binary") + """

                    install -m 0755 "$workdir/k0s" \(NodePaths.binDirectory)/k0s
                    """
            case .kubeadm:
                let binaries = ["kubeadm", "kubelet", "kubectl"].map { "\"$workdir/kubernetes/node/bin/\($0)\"" }
                return download(url, sha256, to: "kubernetes-node.tar.gz", describing: "the Kubernetes node tarball") + """

                    tar -xzf "$workdir/kubernetes-node.tar.gz" -C "$workdir"
                    install -m 0755 \(binaries.joined(separator: " ")) \(NodePaths.binDirectory)/
                    """
            }
        case .bundle(let url, let sha256):
            return download(url, sha256, to: "bundle.tar.gz", describing: "the offline bundle") + """

                mkdir "$workdir/bundle"
                tar -xzf "$workdir/bundle.tar.gz" -C "$workdir/bundle"
                install -m 0755 "$workdir/bundle/bin/"* \(NodePaths.binDirectory)/
                shopt -s nullglob
                \(bundledImages)
                """
        }
    }

    private var preinstalledCheck: String {
        let binaries =
            switch plan.flavor {
            case .k0s: ["k0s"]
            case .kubeadm: ["kubeadm", "kubelet"]
            }
        let checks = binaries.map { binary in
            """
            if ! command -v \(binary) >/dev/null; then
              echo "\(binary) is not installed on this image" >&2
              exit 1
            fi
            """
        }
        return (["# \(software) comes with the image."] + checks).joined(separator: "\n")
    }

    /// Downloads `url` into a scratch directory removed on exit and checks its SHA-256.
    private func download(_ url: String, _ sha256: String, to name: String, describing what: String) -> String {
        """
        # Download \(what) and check its SHA-256 before using anything from it.
        workdir="$(mktemp -d)"
        trap 'rm -rf "$workdir"' EXIT
        curl -fsSL --retry 5 -o "$workdir/\(name)" \(url.shellQuoted)
        echo "\(sha256.lowercased())  $workdir/\(name)" | sha256sum -c -
        """
    }

    /// Hands the bundle's image archives to the node software so no image is pulled from outside.
    private var bundledImages: String {
        switch plan.flavor {
        case .k0s:
            """
            mkdir -p \(NodePaths.k0sImages)
            for image in "$workdir/bundle/images/"*; do
              cp "$image" \(NodePaths.k0sImages)/
            done
            """
        case .kubeadm:
            """
            for image in "$workdir/bundle/images/"*; do
              ctr --namespace k8s.io images import "$image"
            done
            """
        }
    }
}
