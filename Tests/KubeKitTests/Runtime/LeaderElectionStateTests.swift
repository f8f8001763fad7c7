import Foundation
import KubeKit
import Testing

@Suite("leader election decisions")
struct LeaderElectionStateTests {
    let timing = LeaderElectionTiming()
    let start = ContinuousClock.now
    let wallClock = Date(timeIntervalSince1970: 1_790_000_000)

    func at(_ seconds: Double) -> ContinuousClock.Instant { start.advanced(by: .milliseconds(Int64(seconds * 1000))) }

    func lease(_ spec: Lease.Spec) -> Lease { Lease(metadata: ObjectMeta(name: "leader", namespace: "system"), spec: spec) }

    @Test("the first candidate creates the lease; others stand by until a whole lease of silence since they saw it change")
    func takeover() throws {
        var a = LeaderElectionState(identity: "a", timing: timing)
        guard case .create(let created) = a.decide(observed: nil, now: at(0), wallClock: wallClock) else {
            Issue.record("expected a create")
            return
        }
        #expect(created.holderIdentity == "a" && created.leaseDurationSeconds == 15 && created.leaseTransitions == 0)
        a.written(created, at: at(0))
        #expect(a.isLeader)

        var b = LeaderElectionState(identity: "b", timing: timing)
        #expect(b.decide(observed: lease(created), now: at(1), wallClock: wallClock) == .standBy(holder: "a"))
        #expect(b.decide(observed: lease(created), now: at(15.9), wallClock: wallClock) == .standBy(holder: "a"))

        var renewed = created
        renewed.renewTime = MicroTime(wallClock.addingTimeInterval(10))
        #expect(b.decide(observed: lease(renewed), now: at(10), wallClock: wallClock) == .standBy(holder: "a"))
        #expect(b.decide(observed: lease(renewed), now: at(24.9), wallClock: wallClock) == .standBy(holder: "a"))
        guard case .update(let takenOver) = b.decide(observed: lease(renewed), now: at(25), wallClock: wallClock) else {
            Issue.record("expected a takeover after 15 s of silence")
            return
        }
        #expect(takenOver.holderIdentity == "b" && takenOver.leaseTransitions == 1)
    }

    @Test("a leader renews; it stops leading after the renew deadline without a successful renewal, or on seeing another holder")
    func losing() throws {
        var a = LeaderElectionState(identity: "a", timing: timing)
        guard case .create(let created) = a.decide(observed: nil, now: at(0), wallClock: wallClock) else { return }
        a.written(created, at: at(0))
        guard case .update(let renewal) = a.decide(observed: lease(created), now: at(2), wallClock: wallClock.addingTimeInterval(2)) else {
            Issue.record("expected a renewal")
            return
        }
        #expect(renewal.holderIdentity == "a" && renewal.acquireTime == created.acquireTime && renewal.renewTime != created.renewTime)
        a.written(renewal, at: at(2))
        a.attemptFailed(at: at(11.9))
        #expect(a.isLeader)
        #expect(a.remainingRenewTime(at: at(11.9)) == .milliseconds(100))
        a.attemptFailed(at: at(12))
        #expect(!a.isLeader)

        var c = LeaderElectionState(identity: "c", timing: timing)
        c.written(created, at: at(0))
        var stolen = created
        stolen.holderIdentity = "d"
        #expect(c.decide(observed: lease(stolen), now: at(1), wallClock: wallClock) == .standBy(holder: "d"))
        #expect(!c.isLeader)
    }

    @Test("a released lease is taken at once")
    func release() throws {
        var a = LeaderElectionState(identity: "a", timing: timing)
        guard case .create(let created) = a.decide(observed: nil, now: at(0), wallClock: wallClock) else { return }
        a.written(created, at: at(0))
        let released = try #require(a.releaseSpec(wallClock: wallClock))
        #expect(released.holderIdentity == "" && released.leaseDurationSeconds == 1)
        a.released()
        #expect(!a.isLeader && a.releaseSpec(wallClock: wallClock) == nil)

        var b = LeaderElectionState(identity: "b", timing: timing)
        guard case .update(let taken) = b.decide(observed: lease(released), now: at(0.1), wallClock: wallClock) else {
            Issue.record("expected to take a released lease")
            return
        }
        #expect(taken.holderIdentity == "b")
    }
}
