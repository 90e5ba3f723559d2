{{%AUTOESCAPE context="HTML"}}
<h1>Demand</h1>
<p class="lead">Where customers are turned away: for each pincode and category with any demand, the bookings made, the booking attempts refused because no verified vendor serves it, and the active vendors who serve it now.</p>
{{>range}}
{{#shown}}<p>From {{first}} to {{last}} ({{days}} days): {{bookings}} bookings made and {{refused}} attempts refused ({{share}} of all attempts), in {{pairs}} pincode and category pairs.</p>
<p class="hint">Refused attempts: booking forms sent for a pincode and category that no verified vendor served then, one per form sent. Active vendors: verified and not blocked, today. Refused share: refused attempts out of bookings and refused attempts together. Worst first: the largest refused share, then the most refused attempts.</p>
{{#none}}<p>No bookings were made and no attempts refused in these days.</p>
{{/none}}{{#some}}<div class="scroll">
<table class="rows">
<caption>{{caption}}</caption>
<thead><tr><th scope="col">Pincode</th><th scope="col">Category</th><th scope="col" class="num">Bookings</th><th scope="col" class="num">Refused attempts</th><th scope="col" class="num">Active vendors</th><th scope="col" class="num">Refused share</th></tr></thead>
<tbody>
{{#line}}<tr><th scope="row">{{pincode}}</th><td data-label="Category">{{category}}</td><td class="num" data-label="Bookings">{{bookings}}</td><td class="num" data-label="Refused attempts">{{refused}}</td><td class="num" data-label="Active vendors">{{vendors}}</td><td class="num" data-label="Refused share">{{share}}</td></tr>
{{/line}}</tbody>
</table>
</div>
{{/some}}{{/shown}}
