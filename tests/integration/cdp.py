#!/usr/bin/python3
# cdp.py STEP... - drive headless Chromium over the DevTools protocol on a
# pipe (--remote-debugging-pipe: commands on fd 3, replies on fd 4, each a
# JSON message ended by a NUL byte).  Steps, run in order:
#   open URL WIDTH HEIGHT    a new page of that viewport size, loading URL
#   wait JS-EXPR SECONDS     poll until the expression is truthy (exit 1 if
#                            it never is, after running the other steps)
#   dom FILE                 the rendered DOM (outerHTML) into FILE
#   shot FILE                a PNG screenshot of the viewport into FILE
#   eval JS-EXPR             print the expression's value
#   run JS-EXPR              evaluate the expression, print nothing
#   key KEY                  press KEY (Enter, Escape, ArrowLeft/Up/Right/
#                            Down) on the focused element
#   sh COMMAND               run a shell command, which must succeed
#   lang TAGS                the browser's languages for the pages opened
#                            after it ("uk-UA,uk": navigator.languages and
#                            Accept-Language)
#   check NAME JS-EXPR       print "PASS NAME" when the expression is
#                            truthy, else "FAIL NAME" with its value
#   click CSS-SELECTOR       click the element (a real mouse click at its
#                            centre, after scrolling it into view)
#   type CSS-SELECTOR TEXT   focus the field, clear it and type TEXT
# Environment: CHROME (the command line), CHROME_LOG (its stderr).
# (test_dashboard.sh, test_dashboard_browser.sh)
import base64, fcntl, json, os, subprocess, sys, time

to_r, to_w = os.pipe()
from_r, from_w = os.pipe()

def pipes():
    a = fcntl.fcntl(to_r, fcntl.F_DUPFD, 10)
    b = fcntl.fcntl(from_w, fcntl.F_DUPFD, 10)
    os.dup2(a, 3)
    os.dup2(b, 4)

proc = subprocess.Popen(os.environ["CHROME"].split() +
    ["--remote-debugging-pipe", "about:blank"], preexec_fn=pipes,
    pass_fds=(3, 4), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
    stderr=open(os.environ["CHROME_LOG"], "ab"))
os.close(to_r)
os.close(from_w)
out = os.fdopen(to_w, "wb", buffering=0)
inp = os.fdopen(from_r, "rb", buffering=0)
buf = b""
last_id = 0
session = None
target = None
accept_lang = None

def call(method, params=None, browser=False, timeout=30):
    global buf, last_id
    last_id += 1
    m = {"id": last_id, "method": method, "params": params or {}}
    if session and not browser:
        m["sessionId"] = session
    out.write(json.dumps(m).encode() + b"\0")
    deadline = time.time() + timeout
    while True:
        while b"\0" not in buf:
            if time.time() > deadline:
                raise SystemExit("cdp: %s: no reply" % method)
            chunk = inp.read(1 << 16)
            if not chunk:
                raise SystemExit("cdp: chromium closed the pipe")
            buf += chunk
        msg, buf = buf.split(b"\0", 1)
        r = json.loads(msg)
        if r.get("id") == last_id:
            if "error" in r:
                raise SystemExit("cdp: %s: %s" % (method, r["error"]))
            return r["result"]

def evaluate(expr):
    r = call("Runtime.evaluate", {"expression": expr,
        "returnByValue": True, "awaitPromise": True})
    if "exceptionDetails" in r:
        raise ValueError(r["exceptionDetails"].get("exception",
            {}).get("description", "exception"))
    return r["result"].get("value")

rc = 0
steps = sys.argv[1:]
try:
    while steps:
        op = steps.pop(0)
        if op == "open":
            url, w, h = steps.pop(0), int(steps.pop(0)), int(steps.pop(0))
            # one page at a time: each holds an event stream open, and
            # Chromium allows six connections to one host
            if session:
                call("Target.closeTarget", {"targetId": target},
                    browser=True)
                session = None
            t = call("Target.createTarget", {"url": "about:blank"},
                browser=True)
            target = t["targetId"]
            session = call("Target.attachToTarget", {"targetId":
                t["targetId"], "flatten": True}, browser=True)["sessionId"]
            call("Page.enable")
            call("Emulation.setDeviceMetricsOverride", {"width": w,
                "height": h, "deviceScaleFactor": 1, "mobile": w < 640})
            if accept_lang:
                ua = call("Browser.getVersion", browser=True)["userAgent"]
                call("Emulation.setUserAgentOverride", {"userAgent": ua,
                    "acceptLanguage": accept_lang})
            call("Page.navigate", {"url": url})
        elif op == "wait":
            expr, secs = steps.pop(0), float(steps.pop(0))
            deadline = time.time() + secs
            while True:
                try:
                    if evaluate("!!(%s)" % expr):
                        break
                except ValueError:
                    pass
                if time.time() > deadline:
                    print("# timed out waiting for: %s" % expr)
                    rc = 1
                    break
                time.sleep(0.1)
        elif op == "dom":
            with open(steps.pop(0), "w") as f:
                f.write(evaluate("document.documentElement.outerHTML"))
        elif op == "shot":
            r = call("Page.captureScreenshot", {"format": "png"})
            with open(steps.pop(0), "wb") as f:
                f.write(base64.b64decode(r["data"]))
        elif op == "eval":
            print(evaluate(steps.pop(0)))
        elif op == "run":
            evaluate(steps.pop(0))
        elif op == "key":
            key = steps.pop(0)
            vk = {"Enter": 13, "Escape": 27, "ArrowLeft": 37, "ArrowUp": 38,
                "ArrowRight": 39, "ArrowDown": 40}[key]
            call("Input.dispatchKeyEvent", {"type": "rawKeyDown",
                "key": key, "code": key, "windowsVirtualKeyCode": vk})
            call("Input.dispatchKeyEvent", {"type": "keyUp", "key": key,
                "code": key, "windowsVirtualKeyCode": vk})
        elif op == "sh":
            subprocess.run(steps.pop(0), shell=True, check=True)
        elif op == "lang":
            accept_lang = steps.pop(0)
        elif op == "check":
            name, expr = steps.pop(0), steps.pop(0)
            try:
                v = evaluate("!!(%s)" % expr)
            except ValueError as e:
                v = "exception: %s" % e
            if v is True:
                print("PASS %s" % name, flush=True)
            else:
                print("FAIL %s: %r from %s" % (name, v, expr), flush=True)
                rc = 1
        elif op == "click":
            sel = steps.pop(0)
            box = evaluate("(function(){var n=document.querySelector(%s);"
                "if(!n)return null;n.scrollIntoView({block:'center'});"
                "var r=n.getBoundingClientRect();return [r.x+r.width/2,"
                "r.y+r.height/2];})()" % json.dumps(sel))
            if not box:
                print("# click: no element %s" % sel)
                rc = 1
                continue
            for t in ("mousePressed", "mouseReleased"):
                call("Input.dispatchMouseEvent", {"type": t, "x": box[0],
                    "y": box[1], "button": "left", "clickCount": 1})
        elif op == "type":
            sel, text = steps.pop(0), steps.pop(0)
            if not evaluate("(function(){var n=document.querySelector(%s);"
                    "if(!n)return false;n.focus();n.select&&n.select();"
                    "return true;})()" % json.dumps(sel)):
                print("# type: no element %s" % sel)
                rc = 1
                continue
            call("Input.insertText", {"text": text})
        else:
            raise SystemExit("cdp: unknown step " + op)
finally:
    try:
        call("Browser.close", browser=True, timeout=5)
    except BaseException:
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
sys.exit(rc)
