import KubeKit
