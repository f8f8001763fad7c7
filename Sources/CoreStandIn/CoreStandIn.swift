/// A stand-in for CAPI core's own controllers (Cluster, MachineDeployment, MachineSet, Machine),
/// for dev mode and end-to-end tests on machines where real CAPI core cannot be installed. Off by
/// default; `mothership manager --capi-core=builtin` turns it on. In production CAPI core itself,
/// installed by `clusterctl init`, does this work and the stand-in stays off.
public enum CoreStandIn {}
