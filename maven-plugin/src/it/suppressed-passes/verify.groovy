// An active suppression accepts the finding: the build passes and the report records what was suppressed, why.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('1 suppressed')
assert log.contains('verdict PASS')

def report = new JsonSlurper().parse(new File(basedir, 'target/augury/augury-report.json'))
assert report.verdict == 'pass'
assert !report.findings.any { it.id == 'data-quality-5d818d20' }
assert report.policy.suppressed.size() == 1
assert report.policy.suppressed[0].finding.id == 'data-quality-5d818d20'
assert report.policy.suppressed[0].entry.reason.contains('accepted on purpose')
return true
