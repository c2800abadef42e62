// An active suppression accepts the finding that would fail the gate: the build passes and the report records
// what was suppressed, and why.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /\d+ suppressed/
assert log.contains('verdict PASS')

def report = new JsonSlurper().parse(new File(basedir, 'target/augury/augury-report.json'))
assert report.verdict == 'pass'
assert !report.findings.any { it.category == 'trigger-backdoor' }
assert report.policy.suppressed.size() >= 1
assert report.policy.suppressed.every { it.finding.category == 'trigger-backdoor' }
assert report.policy.suppressed.any { it.finding.severity == 'high' || it.finding.severity == 'critical' }
assert report.policy.suppressed[0].entry.reason.contains('accepted on purpose')
return true
