/// The kubelet service kubeadm expects, for kubeadm binaries that were downloaded or bundled
/// rather than installed from packages: upstream's `kubelet.service` and `10-kubeadm.conf`, with
/// the kubelet in `/usr/local/bin`.
enum KubeletUnit {
    static var files: [BootstrapPlan.File] {
        [
            BootstrapPlan.File(path: NodePaths.kubeletUnit, content: service, permissions: "0644", owner: "root:root"),
            BootstrapPlan.File(path: NodePaths.kubeletKubeadmDropIn, content: kubeadmDropIn, permissions: "0644", owner: "root:root"),
        ]
    }

    private static let service = """
        [Unit]
        Description=kubelet: The Kubernetes Node Agent
        Documentation=https://kubernetes.io/docs/
        Wants=network-online.target
        After=network-online.target

        [Service]
        ExecStart=\(NodePaths.binDirectory)/kubelet
        Restart=always
        StartLimitInterval=0
        RestartSec=10

        [Install]
        WantedBy=multi-user.target

        """

    private static let kubeadmDropIn = """
        [Service]
        Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
        Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
        EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
        EnvironmentFile=-/etc/default/kubelet
        ExecStart=
        ExecStart=\(NodePaths.binDirectory)/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS

        """
}
