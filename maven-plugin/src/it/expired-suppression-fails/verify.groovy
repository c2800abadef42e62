// An expired suppression accepts nothing: the build fails, the log says which entry expired and when.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('expired on 2020-01-01')
assert log =~ /\[low\] data-quality in \S*poisoned\.jsonl: Exact duplicates/

def report = new JsonSlurper().parse(new File(basedir, 'target/augury/augury-report.json'))
assert report.verdict == 'fail'
assert report.policy.expired.size() == 1
assert report.policy.suppressed.isEmpty()
return true
