// A clean dataset passes: the build succeeded, the summary says PASS, and every format was written.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Augury: 1 file(s), 60 records')
assert log.contains('verdict PASS')
assert log.contains('BUILD SUCCESS')

def out = new File(basedir, 'target/augury')
['augury-report.json', 'augury-report.sarif', 'augury-report.junit.xml', 'augury-report.md',
 'augury-report.html'].each { assert new File(out, it).isFile() : "missing $it" }
def report = new JsonSlurper().parse(new File(out, 'augury-report.json'))
assert report.verdict == 'pass'
assert report.failOn == 'high'
assert report.datasets.size() == 1 && report.datasets[0].records == 60
def sarif = new JsonSlurper().parse(new File(out, 'augury-report.sarif'))
assert sarif.version == '2.1.0'
assert new File(out, 'augury-report.html').text.contains('<svg') || report.findings.isEmpty()
return true
